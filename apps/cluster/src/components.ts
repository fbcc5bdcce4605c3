import {
  CLUSTER_DOMAIN,
  NETWORK,
  NODE_NAME,
  controlPlaneBinary,
  dist,
  imageTable,
  kubeNodeBinary,
} from './cluster-config';
import type { StateDir } from './state';

export interface Component {
  name: string;
  command: string;
  args: string[];
  /** The process's whole environment and working folder, when not this process's own. */
  env?: Record<string, string>;
  cwd?: string;
}

/** etcd on the namespace's loopback, without fsync: the cluster is a lab, its data disposable. */
export function etcd(state: StateDir): Component {
  const peer = 'http://127.0.0.1:2380';
  return {
    name: 'etcd',
    command: controlPlaneBinary('etcd'),
    args: [
      `--data-dir=${state.path('etcd')}`,
      '--listen-client-urls=http://127.0.0.1:2379',
      '--advertise-client-urls=http://127.0.0.1:2379',
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=default=${peer}`,
      '--unsafe-no-fsync',
      '--log-level=warn',
    ],
  };
}

export function apiServer(state: StateDir): Component {
  const pki = (file: string) => state.path('pki', file);
  return {
    name: 'kube-apiserver',
    command: controlPlaneBinary('kube-apiserver'),
    args: [
      '--etcd-servers=http://127.0.0.1:2379',
      `--advertise-address=${NETWORK.nodeIp}`,
      `--secure-port=${NETWORK.apiPort}`,
      `--service-cluster-ip-range=${NETWORK.serviceCidr}`,
      `--client-ca-file=${pki('ca.crt')}`,
      `--tls-cert-file=${pki('apiserver.crt')}`,
      `--tls-private-key-file=${pki('apiserver.key')}`,
      `--kubelet-client-certificate=${pki('admin.crt')}`,
      `--kubelet-client-key=${pki('admin.key')}`,
      '--kubelet-preferred-address-types=InternalIP',
      `--service-account-issuer=https://kubernetes.default.svc.${CLUSTER_DOMAIN}`,
      `--service-account-key-file=${pki('sa.pub')}`,
      `--service-account-signing-key-file=${pki('sa.key')}`,
      '--authorization-mode=Node,RBAC',
      '--allow-privileged=true',
      // Webhooks and aggregated APIs are called at their endpoints, not through a ClusterIP:
      // the API server is not a pod, and this keeps istiod's webhooks working as they are.
      '--enable-aggregator-routing=true',
    ],
  };
}

export function controllerManager(state: StateDir): Component {
  return {
    name: 'kube-controller-manager',
    command: controlPlaneBinary('kube-controller-manager'),
    args: [
      `--kubeconfig=${state.insideKubeconfig}`,
      `--service-account-private-key-file=${state.path('pki', 'sa.key')}`,
      `--root-ca-file=${state.path('pki', 'ca.crt')}`,
      `--cluster-signing-cert-file=${state.path('pki', 'ca.crt')}`,
      `--cluster-signing-key-file=${state.path('pki', 'ca.key')}`,
      '--use-service-account-credentials=false',
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
    ],
  };
}

export function scheduler(state: StateDir): Component {
  return {
    name: 'kube-scheduler',
    command: controlPlaneBinary('kube-scheduler'),
    args: [
      `--kubeconfig=${state.insideKubeconfig}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
    ],
  };
}

/**
 * The real kube-proxy in iptables mode: a Service's ClusterIP picks one backend per connection,
 * the tutorial's whole point. --masquerade-all: pods share one bridge, so a reply from a backend
 * would skip the DNAT's reverse unless the node's address is the source. The conntrack limits
 * are sysctls of the host, which a user namespace may not change: left as they are.
 */
export function kubeProxy(state: StateDir): Component {
  return {
    name: 'kube-proxy',
    command: controlPlaneBinary('kube-proxy'),
    args: [
      `--kubeconfig=${state.insideKubeconfig}`,
      `--hostname-override=${NODE_NAME}`,
      '--proxy-mode=iptables',
      '--masquerade-all',
      `--cluster-cidr=${NETWORK.nodeIp}/${NETWORK.podPrefix}`,
      '--conntrack-max-per-core=0',
      '--conntrack-tcp-timeout-established=0',
      '--conntrack-tcp-timeout-close-wait=0',
      '--healthz-bind-address=127.0.0.1:10256',
      '--metrics-bind-address=127.0.0.1:10249',
    ],
  };
}

export function kubeNode(state: StateDir, version: string): Component {
  return {
    name: 'kube-node',
    command: kubeNodeBinary(),
    args: [
      `--kubeconfig=${state.insideKubeconfig}`,
      `--node-name=${NODE_NAME}`,
      `--node-ip=${NETWORK.nodeIp}`,
      `--kubelet-version=${version}`,
      `--bridge=${NETWORK.bridge}`,
      `--pod-cidr=${NETWORK.nodeIp}/${NETWORK.podPrefix}`,
      `--cluster-dns=${NETWORK.dnsServiceIp}`,
      `--cluster-domain=${CLUSTER_DOMAIN}`,
      `--state-dir=${state.path('node')}`,
      `--images=${imageTable()}`,
      `--dist=${dist()}`,
      `--node-binary=${process.execPath}`,
      `--tls-cert=${state.path('pki', 'kubelet.crt')}`,
      `--tls-key=${state.path('pki', 'kubelet.key')}`,
    ],
  };
}
