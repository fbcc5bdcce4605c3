import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { apiGet } from './api-client';
import { NETWORK } from './cluster-config';
import { COREDNS_READY_URL, applied, coreDns, kubeDnsObjects } from './cluster-dns';
import {
  ISTIOD_READY_URL,
  installIstio,
  istiod,
  istiodEndpoints,
  webhooksTrusted,
} from './cluster-istio';
import {
  apiServer,
  controllerManager,
  etcd,
  kubeNode,
  kubeProxy,
  scheduler,
  type Component,
} from './components';
import { StateDir } from './state';

/**
 * The cluster itself, run inside its user, network, mount and PID namespaces (the supervisor
 * starts this under `unshare`): the namespace's network, then etcd, the API server, CoreDNS (and
 * its kube-dns Service), the controllers, kube-proxy, with helm Istio (its charts, then istiod),
 * and the node once CoreDNS answers and istiod's webhooks can be called, so a pod never starts
 * without its DNS or its sidecar; each a child process with a log file. When this process ends,
 * the PID namespace ends with it, and every process in it.
 */
export async function runInside(state: StateDir, version: string, helm?: string): Promise<void> {
  setUpNetwork();
  const children: ChildProcess[] = [];
  const stopAll = () => {
    for (const child of children.reverse()) child.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stopAll);
  process.on('SIGINT', stopAll);
  const start = (component: Component) => children.push(startComponent(state, component));

  start(etcd(state));
  await waitFor('etcd', () => httpOk('http://127.0.0.1:2379/health'));
  start(apiServer(state));
  await waitFor('kube-apiserver', () => apiReady(state));
  for (const component of [
    coreDns(state),
    controllerManager(state),
    scheduler(state),
    kubeProxy(state),
  ])
    start(component);
  await waitFor('the kube-dns Service', () => applied(state, kubeDnsObjects()));
  await waitFor('CoreDNS', () => httpOk(COREDNS_READY_URL));
  if (helm) await startIstio(state, helm, start);
  start(kubeNode(state, version));
  forwardApiToSocket(state.apiSocket);
}

/** Istio's charts, then istiod, until its webhooks carry its CA and its endpoints are in place. */
async function startIstio(
  state: StateDir,
  helm: string,
  start: (component: Component) => void,
): Promise<void> {
  await installIstio(state, helm);
  start(await istiod(state));
  await waitFor('istiod', () => httpOk(ISTIOD_READY_URL));
  await waitFor('the istiod Service', () => applied(state, [istiodEndpoints()]));
  await waitFor("istiod's webhooks", () => webhooksTrusted(state));
}

/** lo, the pods' bridge, forwarding on, and a private /run/netns for the pods' namespaces. */
function setUpNetwork(): void {
  const sh = (command: string) =>
    execFileSync('sh', ['-ec', command], { stdio: ['ignore', 'ignore', 'inherit'] });
  sh(`ip link set lo up
ip link add ${NETWORK.bridge} type bridge
ip addr add ${NETWORK.nodeIp}/${NETWORK.podPrefix} dev ${NETWORK.bridge}
ip link set ${NETWORK.bridge} up
sysctl -qw net.ipv4.ip_forward=1
mkdir -p /run/netns
mount -t tmpfs -o mode=0755 netns /run/netns`);
}

function startComponent(state: StateDir, component: Component): ChildProcess {
  mkdirSync(state.path('logs'), { recursive: true });
  const log = createWriteStream(state.log(component.name));
  const child = spawn(component.command, component.args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: component.env ?? process.env,
    cwd: component.cwd,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  child.on('exit', (code, signal) => {
    process.stderr.write(
      `cluster: ${component.name} exited (${signal ?? code}); see ${state.log(component.name)}\n`,
    );
    process.exit(1);
  });
  return child;
}

async function waitFor(
  name: string,
  ready: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s`);
}

async function httpOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function apiReady(state: StateDir): Promise<boolean> {
  return (await apiGet(state, '127.0.0.1', NETWORK.apiPort, '/readyz'))?.status === 200;
}

/** The API server, reachable from the host through a unix socket in the state folder. */
function forwardApiToSocket(socketPath: string): void {
  rmSync(socketPath, { force: true });
  createServer((client) => {
    const api = createConnection(NETWORK.apiPort, '127.0.0.1');
    client.pipe(api).pipe(client);
    client.on('error', () => api.destroy());
    api.on('error', () => client.destroy());
  }).listen(socketPath);
}
