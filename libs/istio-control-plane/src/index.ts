// Public surface of @grpc-greeter/istio-control-plane: Istio's own discovery server (apps/istio-pilot)
// behind the lab's mesh path, and the objects and bootstrap a proxyless pod needs to use it.
export { ensureIstioPilot, GO_MISSING, ISTIO_PILOT_BINARY } from './binary';
export { ISTIO_VERSION, istioNode, type PodIdentity, xdsTarget } from './istio-node';
export {
  type IstioPilot,
  type IstioPilotOptions,
  type KubeObject,
  startIstioPilot,
} from './istio-pilot';
export {
  endpointSliceObject,
  namespaceObject,
  podObject,
  type RunningPod,
} from './cluster-objects';
