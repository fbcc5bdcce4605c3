import { execFileSync } from 'node:child_process';
import { kubectlBinary, TestCluster } from './support/cluster';

// The tutorial's no-sidecar steps, verbatim, with its two files and their image names unchanged.
const ns = 'grpc-nosidecar';
const world = new TestCluster();

beforeAll(async () => {
  const started = await world.up();
  expect(started.stderr).not.toContain('did not become ready');
  expect(started.status).toBe(0);
});
afterAll(() => world.down());

describe("the tutorial's no-sidecar steps", () => {
  it('creates three pods that become 1/1 Running through their exec probes', () => {
    world.kubectl('create', 'ns', ns);
    const rows = world.applyTutorial(ns);
    expect(rows).toHaveLength(3);
    for (const row of rows)
      expect(row).toMatch(/^istio-grpc-(server-v[12]|client)-\S+\s+1\/1\s+Running\s+0\s/);
  });

  it('answers 100 calls through the Service, all from one pod', () => {
    const client = world.onePod(ns, 'app=istio-grpc-client');
    const out = world.kubectl(
      'exec',
      '-n',
      ns,
      client,
      '--',
      '/bin/greeter-client',
      '--insecure=true',
      '--address=istio-grpc-server:8080',
      '--repeat=100',
    );
    const hellos = out
      .split('\n')
      .filter((line) => line.includes('Hello world from istio-grpc-server-v'));
    expect(hellos).toHaveLength(100);
    const pods = new Set(hellos.map((line) => line.split(' ').pop()));
    expect(pods.size).toBe(1);
    expect(world.podNames(ns, 'app=istio-grpc-server')).toContain([...pods][0]);
  });

  it('gives `kubectl exec -it POD -- sh` a terminal where the tutorial types its command', () => {
    const client = world.onePod(ns, 'app=istio-grpc-client');
    // util-linux's `script` gives kubectl the terminal a user's shell would; the lines are typed
    // into the pod's sh as the tutorial does.
    const typed = [
      '/bin/greeter-client --insecure=true --address=istio-grpc-server:8080 --repeat=5',
      'echo "in $(hostname)"',
      'exit',
    ].join('\n');
    const out = execFileSync(
      'script',
      ['-qec', `${kubectlBinary} exec -it -n ${ns} ${client} -- sh`, '/dev/null'],
      { encoding: 'utf8', env: world.env, input: `${typed}\n`, timeout: 60_000 },
    );
    expect(out.match(/Hello world from istio-grpc-server-v[12]-\S+/g)).toHaveLength(5);
    expect(out).toContain(`in ${client}`);
  });
});

describe('what this node does not run', () => {
  it('keeps a pod with an unknown image from starting, and says which images it runs', () => {
    world.kubectl('run', 'web', '-n', ns, '--image=nginx:1.27', '--restart=Never');
    let reason = '';
    for (let i = 0; i < 50 && !reason; i++) {
      reason = world.kubectl(
        'get',
        'pod',
        'web',
        '-n',
        ns,
        '-o',
        'jsonpath={.status.containerStatuses[0].state.waiting.message}',
      );
    }
    expect(reason).toContain(
      'image "nginx:1.27" is not one this node runs (it runs greeter-client, greeter-server, istio-grpc-client, istio-grpc-server, proxyv2)',
    );
    expect(
      world.kubectl('get', 'events', '-n', ns, '--field-selector', 'involvedObject.name=web'),
    ).toContain('ImageNotRunnable');
  });
});

describe("the cluster's network", () => {
  it("has no route out of its namespace: only the pods' bridge", () => {
    const nsenter = (...args: string[]) =>
      execFileSync(
        'nsenter',
        [
          '--target',
          String(world.namespacePid()),
          '--user',
          '--net',
          '--preserve-credentials',
          ...args,
        ],
        { encoding: 'utf8' },
      );
    const routes = nsenter('ip', '-4', 'route', 'show').trim().split('\n');
    expect(routes).toEqual([expect.stringMatching(/^10\.244\.0\.0\/24 dev cni0 /)]);
    const links = nsenter('ip', '-o', 'link', 'show')
      .trim()
      .split('\n')
      .map((line) => line.split(': ')[1]?.split('@')[0]);
    expect(
      links.filter((link) => link !== 'lo' && link !== 'cni0' && !link.startsWith('vpod')),
    ).toEqual([]);
  });
});
