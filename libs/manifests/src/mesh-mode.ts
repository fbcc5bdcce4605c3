// How Istio joins a pod, read from the labels and annotations its injector and ztunnel read.
export type MeshMode = 'none' | 'sidecar' | 'proxyless' | 'ambient';

export interface PodMeta {
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
}

/**
 * `sidecar.istio.io/inject` on the pod wins over the namespace's `istio-injection`; the grpc-agent
 * template injects pilot-agent without Envoy (proxyless); `istio.io/dataplane-mode: ambient` on the
 * pod or namespace hands its traffic to ztunnel.
 */
export function meshModeOf(
  pod: PodMeta,
  namespaceLabels: Readonly<Record<string, string>>,
): MeshMode {
  const inject =
    pod.labels['sidecar.istio.io/inject'] ?? pod.annotations['sidecar.istio.io/inject'];
  const injected =
    inject !== undefined ? inject === 'true' : namespaceLabels['istio-injection'] === 'enabled';
  if (injected) {
    const templates = (pod.annotations['inject.istio.io/templates'] ?? '').split(',');
    return templates.includes('grpc-agent') ? 'proxyless' : 'sidecar';
  }
  const dataplane =
    pod.labels['istio.io/dataplane-mode'] ?? namespaceLabels['istio.io/dataplane-mode'];
  return dataplane === 'ambient' ? 'ambient' : 'none';
}
