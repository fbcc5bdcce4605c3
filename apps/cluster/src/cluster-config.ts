import { join, resolve } from 'node:path';

/** The cluster's own network, inside its network namespace: no address here is dialled from outside. */
export const NETWORK = {
  bridge: 'cni0',
  /** The bridge's address: the node's InternalIP, the pods' gateway, the API server's advertised address. */
  nodeIp: '10.244.0.1',
  podPrefix: 24,
  serviceCidr: '10.96.0.0/16',
  /** The `kubernetes` Service's ClusterIP (first of serviceCidr): the API server's certificate names it. */
  apiServiceIp: '10.96.0.1',
  apiPort: 6443,
  /** The kube-dns Service's ClusterIP, every pod's nameserver (kubeadm's choice: the tenth). */
  dnsServiceIp: '10.96.0.10',
  /** The port CoreDNS listens on, at nodeIp, and the kube-dns Service's port. */
  dnsPort: 53,
} as const;

/** The cluster's DNS domain: CoreDNS answers for it, pods search it. */
export const CLUSTER_DOMAIN = 'cluster.local';

export const NODE_NAME = 'process-node';
export const DEFAULT_HOST_PORT = 6443;

const workspaceRoot = resolve(__dirname, '../../..');

export const dist = (...parts: string[]) =>
  join(process.env['CLUSTER_DIST_DIR'] ?? join(workspaceRoot, 'dist'), ...parts);

export const controlPlaneBinary = (name: string) => dist('apps/kube-control-plane', name);
export const kubeNodeBinary = () => dist('apps/kube-node/kube-node');
export const corednsBinary = () => dist('apps/coredns/coredns');
export const istiodDist = (...parts: string[]) => dist('apps/istiod', ...parts);
export const imageTable = () => join(workspaceRoot, 'apps/kube-node/images.json');
export const defaultStateDir = () => join(workspaceRoot, '.cluster');
export const repoRoot = () => workspaceRoot;

export interface BuiltProgram {
  project: string;
  path: () => string;
  go: boolean;
}

/** Programs `up` needs, the Nx project that builds each, and whether that build needs Go. */
export const BUILT_PROGRAMS: ReadonlyArray<BuiltProgram> = [
  { project: 'kube-control-plane', path: () => controlPlaneBinary('kube-apiserver'), go: true },
  { project: 'kube-node', path: kubeNodeBinary, go: true },
  { project: 'coredns', path: corednsBinary, go: true },
  { project: 'greeter-server', path: () => dist('apps/greeter-server/main.js'), go: false },
  { project: 'greeter-client', path: () => dist('apps/greeter-client/main.js'), go: false },
  { project: 'health-probe', path: () => dist('apps/health-probe/main.js'), go: false },
];

/** What `up --istio` needs besides: istiod and its charts, and the sidecar's stand-in. */
export const ISTIO_PROGRAMS: ReadonlyArray<BuiltProgram> = [
  { project: 'istiod', path: () => istiodDist('pilot-discovery'), go: true },
  { project: 'sidecar-stand-in', path: () => dist('apps/sidecar-stand-in/main.js'), go: false },
];
