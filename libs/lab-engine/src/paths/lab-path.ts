import type { LabWorld } from '@grpc-greeter/manifests';

/**
 * What stands between the client and the pods, decided from the objects as a cluster would:
 * - `kube-proxy`: a ClusterIP; one pod per TCP connection (L4), so one HTTP/2 connection, one pod.
 * - `ztunnel`: ambient without a waypoint; ztunnel balances connections too (L4).
 * - `client-side`: a headless Service; DNS returns every pod and the client's own --lb decides.
 * - `mesh`: a sidecar, proxyless or waypoint client; per-request balancing and weights from xDS.
 */
export type LabPath = 'kube-proxy' | 'ztunnel' | 'client-side' | 'mesh';

export function pathOf(world: LabWorld): LabPath {
  const mesh = world.client.mesh;
  if (mesh === 'sidecar' || mesh === 'proxyless') return 'mesh';
  if (mesh === 'ambient') return world.waypoint ? 'mesh' : 'ztunnel';
  return world.target.service.headless ? 'client-side' : 'kube-proxy';
}

export const PATH_LABEL: Record<LabPath, string> = {
  'kube-proxy': 'kube-proxy (L4)',
  ztunnel: 'ztunnel (L4)',
  'client-side': 'client-side (DNS)',
  mesh: 'mesh (xDS, L7)',
};
