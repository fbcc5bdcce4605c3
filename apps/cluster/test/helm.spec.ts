import { TestCluster } from './support/cluster';

// The chart installed and tested as on a cluster: `helm install --wait` waits for the node's
// probes to make the pods Ready, and `helm test` runs the chart's own test pod on the node.
const world = new TestCluster();

beforeAll(async () => {
  expect((await world.up()).status).toBe(0);
});
afterAll(() => world.down());

describe.each([
  ['no-sidecar', 'grpc-nosidecar', 'expect one-pod'],
  ['client-side-lb', 'grpc-client-lb', 'expect v1=50,v2=50'],
  ['max-connection-age', 'grpc-max-age', 'expect many-pods'],
])('helm install and helm test of %s', (scenario, namespace, expectation) => {
  it(`pass in ${namespace}`, () => {
    const install = world.helmInstall(scenario, namespace);
    expect(install.stderr).toBe('');
    expect(install.status).toBe(0);
    // helm prints the test pod's logs (hook-output-log-policy) on stderr.
    const test = world.helm('test', 'grpc-greeter', '-n', namespace);
    const failures = test.stderr.split('\n').filter((line) => !line.includes('Hello world from'));
    expect({ status: test.status, failures }).toEqual({ status: 0, failures: expect.any(Array) });
    expect(test.stdout).toContain('Phase:          Succeeded');
    expect(test.stderr).toMatch(new RegExp(`${expectation} \\(±8 pp\\): ok`));
    expect(test.stderr).toMatch(/\b200 ok, 0 failed\b/);
  });
});

// Through the real kube-proxy: the test client's pings reach the pod, whose keepalive enforcement
// (grpc-go's default policy) ends the connection with GOAWAY too_many_pings. The fix goes into a
// namespace of its own, so no pod of the strict policy is still draining when its test runs.
it('keepalive-too-many-pings: helm test expects the calls the GOAWAY fails; keepalive-enforcement, the fix, fails none', () => {
  expect(world.helmInstall('keepalive-too-many-pings', 'grpc-keepalive').status).toBe(0);
  const failing = world.helm('test', 'grpc-greeter', '-n', 'grpc-keepalive');
  expect(failing.status).toBe(0);
  expect(failing.stderr).toMatch(/\b4 ok, 20 failed\b/);
  expect(failing.stderr).toContain('rejected by server because of excess pings');
  expect(world.helmInstall('keepalive-enforcement', 'grpc-keepalive-fix').status).toBe(0);
  const fixed = world.helm('test', 'grpc-greeter', '-n', 'grpc-keepalive-fix');
  expect({ status: fixed.status, stderr: fixed.stderr }).toEqual({
    status: 0,
    stderr: expect.stringMatching(/\b8 ok, 0 failed\b/),
  });
});
