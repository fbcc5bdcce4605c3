import { spawn, spawnSync } from 'node:child_process';
import { TestCluster, kubectlBinary, type Run } from './support/cluster';

// The chart's mesh scenarios installed and tested as on a cluster with Istio: istiod's webhook
// injects the sidecar (or, for proxyless, the grpc-agent), istiod routes each call, and the
// chart's own test pod checks the split. Scale-up and rollout go through the real controllers.
const world = new TestCluster();

beforeAll(async () => {
  const started = await world.up('--istio');
  expect(started.status).toBe(0);
});
afterAll(() => world.down());

function install(scenario: string, namespace: string, ...extra: string[]): void {
  const result = world.helmInstall(scenario, namespace, ...extra);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

/** `helm test`: the test pod's logs (printed by helm on stderr) must say the split is as expected. */
function expectHelmTest(
  namespace: string,
  expectation: string,
  summary = /\b200 ok, 0 failed\b/,
): void {
  const test: Run = world.helm('test', 'grpc-greeter', '-n', namespace);
  expect({ status: test.status, stdout: test.stdout }).toEqual({
    status: 0,
    stdout: expect.stringContaining('Phase:          Succeeded'),
  });
  expect(test.stderr).toMatch(new RegExp(`expect ${expectation} \\(±8 pp\\): ok`));
  expect(test.stderr).toMatch(summary);
}

/** The tutorial's client command left running in the client pod: what it printed by its end. */
function callsInBackground(namespace: string, ...flags: string[]): Promise<string> {
  const child = spawn(
    kubectlBinary,
    world.clientExec(namespace, '--address=istio-grpc-server:8080', ...flags),
    { env: world.env },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.on('close', () => resolve(out)));
}

const repliesFrom = (out: string) =>
  new Set(
    out
      .split('\n')
      .filter((line) => line.includes('Hello world from'))
      .map((line) => line.split(' ').pop()),
  );

describe.each([
  ['sidecar-round-robin', 'v1=50,v2=50'],
  ['weighted-90-10', 'v1=90,v2=10'],
  ['v2-only', 'v1=0,v2=100'],
  ['proxyless', 'v1=50,v2=50'],
  ['gateway-api-90-10', 'v1=90,v2=10'],
  // istiod's fault reaches the sidecar as xDS, and the sidecar's calls carry it out.
  ['fault-abort', 'v1=50,v2=50 failed=10', /\b\d+ ok, \d+ failed\b/],
  ['fault-delay', 'v1=50,v2=50 slow=10@200ms'],
  // istiod sends a proxyless client no outlier detection: the failing v2 pod keeps its share.
  ['outlier-detection', 'v1=100,v2=0 failed=50', /\b\d+ ok, \d+ failed\b/],
])('helm install and helm test of %s', (scenario, expectation, summary?: RegExp) => {
  it(`expects ${expectation}, and gets it`, () => {
    install(scenario, scenario);
    expectHelmTest(scenario, expectation, summary);
    expect(world.helm('uninstall', 'grpc-greeter', '-n', scenario, '--wait').status).toBe(0);
  });
});

it('scale-up-mesh: kubectl scale under a running client, every new pod gets calls', async () => {
  const ns = 'scale-up-mesh';
  install('scale-up-mesh', ns);
  const calls = callsInBackground(ns, '--repeat=400', '--interval=20ms');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  world.kubectl('scale', '-n', ns, 'deploy/istio-grpc-server-v1', '--replicas=3');
  world.kubectl('rollout', 'status', '-n', ns, 'deploy/istio-grpc-server-v1', '--timeout=90s');
  const out = await calls;
  expect(out).toContain('400 ok, 0 failed');
  const servers = world.podNames(ns, 'app=istio-grpc-server');
  expect(servers).toHaveLength(4);
  expect([...repliesFrom(out)].sort()).toEqual(servers.sort());
  // The release made to agree with the scaled Deployment, as the docs do; helm test then expects
  // the split of the replicas.
  const upgrade = world.helm(
    'upgrade',
    'grpc-greeter',
    'charts/grpc-greeter',
    '-n',
    ns,
    '-f',
    'charts/grpc-greeter/scenarios/scale-up-mesh.yaml',
    '--set-json',
    'server.versions=[{"name":"v1","replicas":3},{"name":"v2","replicas":1}]',
    '--wait',
  );
  expect(upgrade.status).toBe(0);
  expectHelmTest(ns, 'v1=75,v2=25');
});

it('rolling-update-mesh: kubectl rollout restart under a running client, no call fails', async () => {
  const ns = 'rolling-update-mesh';
  install('rolling-update-mesh', ns);
  const before = world.podNames(ns, 'app=istio-grpc-server');
  const calls = callsInBackground(ns, '--duration=20s', '--interval=10ms', '--retries=0');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  world.kubectl('rollout', 'restart', '-n', ns, 'deployment', '-l', 'app=istio-grpc-server');
  for (const version of ['v1', 'v2'])
    world.kubectl(
      'rollout',
      'status',
      '-n',
      ns,
      `deploy/istio-grpc-server-${version}`,
      '--timeout=120s',
    );
  const out = await calls;
  expect(out).toMatch(/\b\d+ ok, 0 failed\b/);
  // Each old pod drains, then goes.
  for (const pod of before)
    world.kubectl('wait', '--for=delete', '-n', ns, `pod/${pod}`, '--timeout=60s');
  const after = world.podNames(ns, 'app=istio-grpc-server');
  expect(after).toHaveLength(2);
  expect(after.filter((pod) => before.includes(pod))).toEqual([]);
  // Calls reached the new pods before the client's run ended.
  expect(after.some((pod) => repliesFrom(out).has(pod))).toBe(true);
  expectHelmTest(ns, 'v1=50,v2=50');
});

it('proxyless with a LEAST_REQUEST DestinationRule: grpc-js-xds refuses the Cluster istiod sends', () => {
  const ns = 'least-request';
  install('proxyless', ns);
  const setBalancer = (simple: string) =>
    world.kubectl(
      'patch',
      'destinationrule',
      'dr-istio-grpc-server',
      '-n',
      ns,
      '--type=merge',
      '-p',
      JSON.stringify({ spec: { trafficPolicy: { loadBalancer: { simple } } } }),
    );
  const call = () =>
    spawnSync(
      kubectlBinary,
      world.clientExec(
        ns,
        `--address=xds:///istio-grpc-server.${ns}.svc.cluster.local:8080`,
        '--repeat=20',
      ),
      { env: world.env, encoding: 'utf8' },
    );
  setBalancer('LEAST_REQUEST');
  const refused = waitForOutput(call, /0 ok, 20 failed/);
  // istiod sends lb_policy LEAST_REQUEST; grpc-js-xds 1.14 has no least-request balancer and
  // NACKs the whole Cluster, so a client without an earlier accepted Cluster has no route at all.
  expect(refused).toContain(
    'Cluster message validation failed: [load_balancing_policy unset and unsupported lb_policy: LEAST_REQUEST]',
  );
  setBalancer('ROUND_ROBIN');
  expect(waitForOutput(call, /20 ok, 0 failed/)).toMatch(/20 ok, 0 failed/);
});

/** istiod pushes within about 100 ms of a change; a few tries cover the debounce. */
function waitForOutput(run: () => { stdout: string; stderr: string }, wanted: RegExp): string {
  let out = '';
  for (let attempt = 0; attempt < 10 && !wanted.test(out); attempt++) {
    const result = run();
    out = result.stdout + result.stderr;
  }
  return out;
}
