// The cluster steps a scenario needs between `helm install` and `helm test`, read from its render:
// the namespace label ASM's injection policy wants when Istio injects the pods, and the wait for a
// waypoint to be ready. NOTES and the skaffold hook must print exactly these commands.
import { asType, Gateway, podsOf, PodView } from './pods';
import { Rendered } from './render';

/** The pods whose chart label asks Istio to inject a proxy or agent (sidecar, proxyless). */
export function injectedPods(rendered: Rendered): PodView[] {
  return podsOf(rendered).filter((pod) => pod.labels['sidecar.istio.io/inject'] === 'true');
}

/** ASM injects only when the namespace matches too: by default, this label. */
export function asmNamespaceLabel(namespace: string): string {
  return `kubectl label namespace ${namespace} istio-injection=enabled`;
}

/**
 * istiod sends a Service's traffic to its waypoint only once the waypoint's pod is ready, which is
 * when Istio sets the Gateway's status addresses and Programmed condition; undefined without one.
 */
export function waypointWait(rendered: Rendered, namespace: string): string | undefined {
  const waypoint = rendered
    .all('Gateway')
    .map((object) => asType<Gateway>(object))
    .find((gateway) => gateway.spec.gatewayClassName === 'istio-waypoint');
  if (!waypoint) return undefined;
  return `kubectl wait --for=condition=Programmed gateway/${waypoint.metadata.name} -n ${namespace} --timeout=2m`;
}
