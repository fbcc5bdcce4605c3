import type { LabPath } from './live-lab';

/** How the table and the live page name each path (what sits between the client and the pods). */
export const PATH_LABELS: Record<LabPath, string> = {
  'kube-proxy': 'kube-proxy (L4)',
  'client-side': 'client round_robin',
  mesh: 'mesh (xDS, L7)',
};
