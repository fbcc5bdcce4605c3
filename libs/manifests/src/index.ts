// Public surface of @grpc-greeter/manifests: Kubernetes, Istio and Gateway API objects in, the
// lab's view of them out. It reads what a cluster acts on; it knows nothing of the chart's values.
export { flagValue, withoutFlag } from './args';
export { ManifestError } from './errors';
export { resolveHost, serviceFqdn, targetHost } from './hosts';
export type { MeshMode } from './mesh-mode';
export { type K8sObject, objectName, selects } from './objects';
export { manifestObjects, parseManifests } from './parse';
export type { DestinationPolicy, RouteBackend, ServiceRoute, Subset } from './routing';
export type { ServiceModel, ServicePort } from './services';
export { type ClientSpec, type LabWorld, readLabWorld, type ServerWorkload } from './world';
export type { Workload } from './workloads';
