// Public surface of @grpc-greeter/xds-control-plane: a minimal ADS (state of the world) server that
// plays istiod's part for @grpc/grpc-js-xds clients in the local lab.
export type { AckEvent, AdsEvents, NackEvent, ResponseEvent, StreamEvent } from './ads-server';
export {
  type BootstrapOptions,
  DEFAULT_NODE_ID,
  makeBootstrap,
  type XdsBootstrap,
} from '@grpc-greeter/xds-bootstrap';
export { type ControlPlaneOptions, startControlPlane, type XdsControlPlane } from './control-plane';
export {
  buildSnapshot,
  type ResourceTypeUrl,
  type Snapshot,
  TYPE_URLS,
  type TypeSnapshot,
  type LbPolicy,
  type WeightedCluster,
  type XdsCluster,
  type XdsConfig,
  type XdsEndpoint,
  type XdsResource,
} from './resources';
export type { XdsFault, XdsRetry } from './route-policies';
