// The objects Kubernetes itself would create for a running pod, which the lab stands in for: the
// Pod as the kubelet reports it (IP, Ready) and the EndpointSlice the endpoint controller derives.
import type { KubeObject } from './istio-pilot';

export interface RunningPod {
  name: string;
  namespace: string;
  /** The Deployment's pod template labels (app, version, ...): Istio's subsets select on them. */
  labels: Record<string, string>;
  ip: string;
  port: number;
  ready?: boolean;
}

export function namespaceObject(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** The pod as the kubelet reports it; `containerPortName` names the port a Service's targetPort refers to. */
export function podObject(pod: RunningPod, containerPortName?: string): KubeObject {
  const ready = pod.ready ?? true;
  const ports = containerPortName
    ? [{ name: containerPortName, containerPort: pod.port, protocol: 'TCP' }]
    : [];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod.name, namespace: pod.namespace, labels: pod.labels },
    spec: { containers: [{ name: 'app', ports }] },
    status: {
      phase: 'Running',
      podIP: pod.ip,
      podIPs: [{ ip: pod.ip }],
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

/**
 * One EndpointSlice per pod: a slice's ports apply to all its endpoints, and each lab pod may
 * listen on its own port. Pods must still differ by IP: Istio merges a Service's endpoints with the
 * same address and port name across slices.
 */
export function endpointSliceObject(
  service: { name: string; portName: string },
  pod: RunningPod,
): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${service.name}-${pod.name}`,
      namespace: pod.namespace,
      labels: { 'kubernetes.io/service-name': service.name },
    },
    addressType: 'IPv4',
    ports: [{ name: service.portName, port: pod.port, protocol: 'TCP' }],
    endpoints: [
      {
        addresses: [pod.ip],
        conditions: { ready: pod.ready ?? true },
        targetRef: { kind: 'Pod', name: pod.name, namespace: pod.namespace },
      },
    ],
  };
}
