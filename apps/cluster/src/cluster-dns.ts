import { spawn } from 'node:child_process';
import {
  CLUSTER_DOMAIN,
  NETWORK,
  NODE_NAME,
  controlPlaneBinary,
  corednsBinary,
} from './cluster-config';
import type { Component } from './components';
import type { StateDir } from './state';

/** CoreDNS's `ready` plugin, on the namespace's loopback: 200 once Services and endpoints are synced. */
const READY_ADDRESS = '127.0.0.1:8181';
export const COREDNS_READY_URL = `http://${READY_ADDRESS}/ready`;

/**
 * kubeadm's Corefile without what reaches out: the kubernetes plugin answers for the cluster's
 * domain and the reverse zones through the admin kubeconfig, and any other name is NXDOMAIN (no
 * `forward`: the cluster has no route out; a second server block because the plugins of one
 * block run in CoreDNS's fixed order, where `template` comes before `kubernetes`). No `cache`:
 * answers come from the plugin's watch, so a scaled Deployment shows in a headless Service's
 * answer within the plugin's 5 s TTL. CoreDNS listens on the node's address on the pods' bridge,
 * the kube-dns Service's one endpoint.
 */
export function corefile(state: StateDir): string {
  const listen = `bind ${NETWORK.nodeIp}`;
  return `${CLUSTER_DOMAIN}:${NETWORK.dnsPort} in-addr.arpa:${NETWORK.dnsPort} ip6.arpa:${NETWORK.dnsPort} {
    ${listen}
    errors
    ready ${READY_ADDRESS}
    kubernetes ${CLUSTER_DOMAIN} in-addr.arpa ip6.arpa {
        kubeconfig ${state.insideKubeconfig}
        pods insecure
    }
    loadbalance
}
.:${NETWORK.dnsPort} {
    ${listen}
    errors
    template ANY ANY {
        rcode NXDOMAIN
    }
}
`;
}

export function coreDns(state: StateDir): Component {
  return { name: 'coredns', command: corednsBinary(), args: ['-conf', state.corefile] };
}

/**
 * The kube-dns Service as kubeadm creates it, at the address every pod's resolv.conf names. CoreDNS
 * is a process of the namespace, not a pod, so the Service selects nothing and its EndpointSlice
 * names CoreDNS's address, as one does for a backend outside the cluster.
 */
export function kubeDnsObjects(): object[] {
  const ports = [
    { name: 'dns', port: NETWORK.dnsPort, protocol: 'UDP' },
    { name: 'dns-tcp', port: NETWORK.dnsPort, protocol: 'TCP' },
  ];
  const metadata = { name: 'kube-dns', namespace: 'kube-system' };
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        ...metadata,
        labels: {
          'k8s-app': 'kube-dns',
          'kubernetes.io/cluster-service': 'true',
          'kubernetes.io/name': 'CoreDNS',
        },
      },
      spec: {
        clusterIP: NETWORK.dnsServiceIp,
        ports: ports.map((port) => ({ ...port, targetPort: port.port })),
      },
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        ...metadata,
        labels: {
          'kubernetes.io/service-name': 'kube-dns',
          'endpointslice.kubernetes.io/managed-by': 'cluster-up',
        },
      },
      addressType: 'IPv4',
      ports,
      endpoints: [
        { addresses: [NETWORK.nodeIp], conditions: { ready: true }, nodeName: NODE_NAME },
      ],
    },
  ];
}

/** Whether `kubectl apply` of objects succeeded (false while the API server is still settling). */
export function applied(state: StateDir, objects: object[]): Promise<boolean> {
  return new Promise((resolve) => {
    const kubectl = spawn(
      controlPlaneBinary('kubectl'),
      ['--kubeconfig', state.insideKubeconfig, 'apply', '-f', '-'],
      { stdio: ['pipe', 'ignore', 'ignore'] },
    );
    kubectl.on('error', () => resolve(false));
    kubectl.on('exit', (code) => resolve(code === 0));
    kubectl.stdin.end(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  });
}
