// Public surface of @grpc-greeter/xds-bootstrap: the bootstrap JSON that points a grpc-js-xds client
// at a control plane, shared by the lab's builtin plane and the Istio-backed one.
export {
  type BootstrapOptions,
  DEFAULT_NODE_ID,
  makeBootstrap,
  type XdsBootstrap,
} from './bootstrap';
