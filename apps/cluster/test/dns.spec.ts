import { join } from 'node:path';
import { CLUSTER_DOMAIN, NETWORK } from '../src/cluster-config';
import { TestCluster } from './support/cluster';

// The cluster's DNS as a pod sees it: CoreDNS behind the kube-dns Service, the pod's resolv.conf
// searching its namespace, Services by short and full name, headless ones by pod, nothing outside.
const ns = 'grpc-nosidecar';
const world = new TestCluster();
let client = '';

const inClient = (...command: string[]) =>
  world.kubectl('exec', '-n', ns, client, '--', ...command);
const addressesOf = (output: string) => [...new Set(output.match(/^\S+/gm))].sort();

beforeAll(async () => {
  expect((await world.up()).status).toBe(0);
  world.kubectl('create', 'ns', ns);
  for (const file of ['istio-grpc-server.yaml', 'istio-grpc-client.yaml']) {
    world.kubectl('apply', '-n', ns, '-f', join(__dirname, 'tutorial', file));
  }
  world.kubectl('wait', '--for=condition=Ready', 'pod', '--all', '-n', ns, '--timeout=90s');
  [client] = world.podNames(ns, 'app=istio-grpc-client');
});
afterAll(() => world.down());

it('has the kube-dns Service in kube-system, as a cluster has it', () => {
  const service = world.kubectl(
    'get',
    'svc',
    'kube-dns',
    '-n',
    'kube-system',
    '-o',
    'jsonpath={.spec.clusterIP} {.spec.ports[*].protocol}',
  );
  expect(service).toBe(`${NETWORK.dnsServiceIp} UDP TCP`);
});

it("gives each pod the kubelet's resolv.conf: the cluster DNS, searching the pod's namespace", () => {
  expect(inClient('cat', '/etc/resolv.conf')).toBe(
    `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\n` +
      `nameserver ${NETWORK.dnsServiceIp}\noptions ndots:5\n`,
  );
});

it("resolves a Service's short name through the search path, and its full name, to its ClusterIP", () => {
  const clusterIp = world.kubectl(
    'get',
    'svc',
    'istio-grpc-server',
    '-n',
    ns,
    '-o',
    'jsonpath={.spec.clusterIP}',
  );
  expect(addressesOf(inClient('getent', 'hosts', 'istio-grpc-server'))).toEqual([clusterIp]);
  expect(
    addressesOf(inClient('getent', 'hosts', `istio-grpc-server.${ns}.svc.${CLUSTER_DOMAIN}`)),
  ).toEqual([clusterIp]);
});

it('resolves a headless Service to the address of each of its pods', async () => {
  world.kubectl(
    'expose',
    'service',
    'istio-grpc-server',
    '-n',
    ns,
    '--name=istio-grpc-server-headless',
    '--cluster-ip=None',
  );
  const podIps = world
    .kubectl(
      'get',
      'pod',
      '-n',
      ns,
      '-l',
      'app=istio-grpc-server',
      '-o',
      'jsonpath={.items[*].status.podIP}',
    )
    .split(' ')
    .sort();
  expect(podIps).toHaveLength(2);
  // The EndpointSlice controller and CoreDNS's watch each take a moment after the Service exists.
  let resolved: string[] = [];
  for (let attempt = 0; attempt < 20 && resolved.join() !== podIps.join(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, attempt === 0 ? 0 : 500));
    try {
      resolved = addressesOf(inClient('getent', 'ahostsv4', 'istio-grpc-server-headless'));
    } catch {
      resolved = [];
    }
  }
  expect(resolved).toEqual(podIps);
});

it('answers NXDOMAIN for a name outside the cluster: nothing is forwarded', () => {
  const lookup = `require('node:dns').resolve4('example.com', (error) => console.log(error?.code ?? 'resolved'))`;
  expect(inClient(process.execPath, '-e', lookup).trim()).toBe('ENOTFOUND');
  expect(() => inClient('getent', 'hosts', 'example.com')).toThrow(
    /command terminated with exit code 2/,
  );
});
