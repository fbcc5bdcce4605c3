import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestCluster, tutorialFiles } from './support/cluster';

// The tutorial's sidecar steps, verbatim, on a cluster with Istio's real istiod: its webhook
// injects the sidecar, its xDS routes each call, its validating webhook checks what is applied.
const ns = 'grpc-sidecar';
const world = new TestCluster();

beforeAll(async () => {
  const started = await world.up('--istio');
  expect(started.stderr).not.toContain('did not become ready');
  expect(started.status).toBe(0);
});
afterAll(() => world.down());

/** The tutorial's command in the client container: how many replies each version gave. */
function split(repeat: number): { v1: number; v2: number } {
  const out = world.kubectl(
    ...world.clientExec(ns, '--address=istio-grpc-server:8080', `--repeat=${repeat}`),
  );
  const replies = out.split('\n').filter((line) => line.includes('Hello world from'));
  expect(replies).toHaveLength(repeat);
  return {
    v1: replies.filter((line) => line.includes('istio-grpc-server-v1-')).length,
    v2: replies.filter((line) => line.includes('istio-grpc-server-v2-')).length,
  };
}

function applyYaml(yaml: string): void {
  world.kubectl('apply', '-n', ns, '-f', '-', { input: yaml });
}

const virtualService = readFileSync(join(tutorialFiles, 'vs-istio-grpc-server.yaml'), 'utf8');

describe("the tutorial's sidecar steps", () => {
  it('injects istio-proxy into each pod of a labelled namespace: 2/2 Running', () => {
    world.kubectl('create', 'ns', ns);
    world.kubectl('label', 'ns', ns, 'istio-injection=enabled');
    const rows = world.applyTutorial(ns);
    expect(rows).toHaveLength(3);
    for (const row of rows)
      expect(row).toMatch(/^istio-grpc-(server-v[12]|client)-\S+\s+2\/2\s+Running\s+0\s/);
    const client = world.onePod(ns, 'app=istio-grpc-client');
    const containers = world.kubectl(
      'get',
      'pod',
      '-n',
      ns,
      client,
      '-o',
      'jsonpath={.spec.initContainers[*].name} {.spec.containers[*].name}',
    );
    expect(containers).toBe('istio-init istio-proxy istio-grpc-client');
  });

  it('balances each call of one connection: about 50:50 at 100 calls', () => {
    const { v1, v2 } = split(100);
    expect(Math.abs(v1 - 50)).toBeLessThanOrEqual(8);
    expect(v1 + v2).toBe(100);
  });

  it("follows the tutorial's DestinationRule and VirtualService: about 90:10 at 200 calls", () => {
    for (const file of ['dr-istio-grpc-server.yaml', 'vs-istio-grpc-server.yaml']) {
      world.kubectl('apply', '-n', ns, '-f', join(tutorialFiles, file));
    }
    // istiod debounces a push by 100 ms; the first reply routed by the weights comes well
    // within the second this waits.
    world.kubectl(
      'wait',
      '--for=jsonpath={.metadata.generation}=1',
      'vs/vs-istio-grpc-server',
      '-n',
      ns,
    );
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    const { v1 } = split(200);
    expect(Math.abs(v1 / 2 - 90)).toBeLessThanOrEqual(8);
  });

  it('sends every call to v2 within 1 s of the weights edited to 0/100', () => {
    applyYaml(
      virtualService.replace('weight: 90', 'weight: 0').replace('weight: 10', 'weight: 100'),
    );
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    expect(split(50)).toEqual({ v1: 0, v2: 50 });
  });
});

describe("istiod's validating webhook", () => {
  it('refuses a VirtualService whose weights add up to 0, with Istio’s own message', () => {
    const invalid = virtualService
      .replace('name: vs-istio-grpc-server', 'name: vs-invalid')
      .replace('weight: 90', 'weight: 0')
      .replace('weight: 10', 'weight: 0');
    expect(() => applyYaml(invalid)).toThrow(
      /admission webhook "validation\.istio\.io" denied the request: configuration is invalid: total destination weight = 0/,
    );
    expect(() => world.kubectl('get', 'vs', 'vs-invalid', '-n', ns)).toThrow(/NotFound/);
  });
});
