// The xDS node a proxyless gRPC pod presents to istiod: what Istio's agent writes into the pod's
// bootstrap (istio.io/istio pkg/istio-agent/grpcxds), so istiod picks its proxyless generator and
// knows the pod's namespace and cluster.

/** The Istio line pinned in apps/istio-pilot/go.mod (the VERSION file of that module); a test keeps them in step. */
export const ISTIO_VERSION = '1.31';

/** Istio's default cluster name and domain suffix, as istiod is started in apps/istio-pilot. */
const CLUSTER_ID = 'Kubernetes';
const DOMAIN_SUFFIX = 'svc.cluster.local';

export interface PodIdentity {
  podName: string;
  namespace: string;
  ip: string;
}

export function istioNode(pod: PodIdentity): {
  nodeId: string;
  nodeMetadata: Record<string, string>;
} {
  return {
    nodeId: `sidecar~${pod.ip}~${pod.podName}.${pod.namespace}~${pod.namespace}.${DOMAIN_SUFFIX}`,
    nodeMetadata: {
      GENERATOR: 'grpc',
      NAMESPACE: pod.namespace,
      CLUSTER_ID,
      // Without it istiod warns for every client ("Istio Version is not found in metadata").
      ISTIO_VERSION,
    },
  };
}

/** The name a proxyless client dials for a Service port, as in a cluster. */
export function xdsTarget(service: string, namespace: string, port: number): string {
  return `xds:///${service}.${namespace}.${DOMAIN_SUFFIX}:${port}`;
}
