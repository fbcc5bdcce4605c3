// Istio's own discovery server (apps/istio-pilot) serving the chart's objects to the real
// greeter-client over proxyless gRPC xDS, with real greeter-servers as the pods.
import { type IstioPilot, startIstioPilot } from '../src/index';
import {
  clusterObjects,
  renderChart,
  runClient,
  type ServerPod,
  startPods,
  withWeights,
} from './mesh';

// Istio debounces pushes (100 ms) and the client applies them on its next pick: a weight edit
// shows in traffic well within this.
const PUSH_TO_TRAFFIC_BOUND_MS = 1500;

let pods: ServerPod[];
let pilot: IstioPilot | undefined;

beforeAll(async () => {
  pods = await startPods(['v1', 'v2']);
});
afterAll(async () => {
  await Promise.all(pods.map((pod) => pod.process.stop()));
});
afterEach(async () => {
  await pilot?.close();
  pilot = undefined;
});

describe('startIstioPilot with the chart weighted-90-10 objects', () => {
  it('Should split 200 proxyless calls about 90:10 between the two pods', async () => {
    const rendered = await renderChart('weighted-90-10');
    pilot = await startIstioPilot({ objects: clusterObjects(rendered, pods) });
    const result = await runClient(pilot, [
      '--repeat=200',
      '--expect=v1=90,v2=10',
      '--tolerance=8',
    ]);
    expect({ failed: result.failed, pass: result.expect?.pass }).toEqual({ failed: 0, pass: true });
    expect(Object.keys(result.byHostname).sort()).toEqual(pods.map((pod) => pod.name).sort());
  });

  it('Should move every call to v2 once 0/100 is applied, with none failing', async () => {
    const rendered = await renderChart('weighted-90-10');
    const running = await startIstioPilot({ objects: clusterObjects(rendered, pods) });
    pilot = running;
    const calls = callContinuously(running, '3s');
    await calls.firstReply;
    const applyStart = Date.now();
    await running.apply(clusterObjects(withWeights(rendered, 0, 100), pods));
    const { replies, result } = await calls.done;

    const v1After = replies.filter((r) => r.at > applyStart && r.version === 'v1');
    const lastV1 = v1After.at(-1)?.at ?? applyStart;
    expect(lastV1 - applyStart).toBeLessThan(PUSH_TO_TRAFFIC_BOUND_MS);
    const afterSwitch = replies.filter((r) => r.at > lastV1);
    expect(afterSwitch.length).toBeGreaterThan(20);
    expect(afterSwitch.every((r) => r.version === 'v2')).toBe(true);
    expect(result.failed).toBe(0);
  });

  it('Should refuse an invalid state with Istio validation message and keep serving the last good one', async () => {
    const rendered = await renderChart('weighted-90-10');
    pilot = await startIstioPilot({ objects: clusterObjects(rendered, pods) });
    await expect(
      pilot.apply(clusterObjects(withWeights(rendered, -10, 110), pods)),
    ).rejects.toThrow(/Istio rejected the objects: .*weight/);
    const result = await runClient(pilot, [
      '--repeat=100',
      '--expect=v1=90,v2=10',
      '--tolerance=10',
    ]);
    expect(result.expect?.pass).toBe(true);
  });
});

describe('startIstioPilot with routing.loadBalancer=LEAST_REQUEST', () => {
  it('Should fail every proxyless call, as grpc-js-xds NACKs the Cluster Istio sends', async () => {
    const rendered = await renderChart(
      'weighted-90-10',
      '--set',
      'routing.loadBalancer=LEAST_REQUEST',
    );
    pilot = await startIstioPilot({ objects: clusterObjects(rendered, pods) });
    const result = await runClient(pilot, ['--repeat=5', '--timeout=2s', '--retries=0']);
    expect({ ok: result.ok, failed: result.failed }).toEqual({ ok: 0, failed: 5 });
    expect(pilot.logs.join('\n')).toMatch(/ACK ERROR.*LEAST_REQUEST/);
  });
});

interface Reply {
  at: number;
  version: string;
}

/** The greeter-client calling every 10 ms for `duration`, each reply timed as it arrives. */
function callContinuously(pilot: IstioPilot, duration: string) {
  const replies: Reply[] = [];
  let firstReply!: () => void;
  const first = new Promise<void>((resolve) => (firstReply = resolve));
  const done = runClient(pilot, [`--duration=${duration}`, '--interval=10ms'], (reply) => {
    replies.push({ at: Date.now(), version: reply.version });
    firstReply();
  }).then((result) => ({ replies, result }));
  return { firstReply: first, done };
}
