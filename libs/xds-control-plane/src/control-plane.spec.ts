import type { GreeterClient } from '@grpc-greeter/proto';
import { type Backend, startBackend } from '../test/backend';
import { sayHelloTimes, untilAllAnswer, xdsClient } from '../test/client';
import { nextEvent } from '../test/events';
import { startControlPlane, TYPE_URLS, type XdsConfig, type XdsControlPlane } from './index';

const SERVICE = 'istio-grpc-server';
const ALL = 'outbound|8080||istio-grpc-server';

let backends: Backend[];
let plane: XdsControlPlane;
let client: GreeterClient;

/** The lab's shape: one cluster per version (the DestinationRule subsets), one backend each. */
function config(weights?: { v1: number; v2: number }): XdsConfig {
  const endpointOf = (backend: Backend) => ({ host: '127.0.0.1', port: backend.port });
  return {
    listenerName: SERVICE,
    routeName: ALL,
    domains: [SERVICE],
    clusters: [
      { name: ALL, endpoints: backends.map(endpointOf) },
      ...backends.map((backend) => ({ name: backend.name, endpoints: [endpointOf(backend)] })),
    ],
    route: weights
      ? {
          weighted: [
            { cluster: 'v1', weight: weights.v1 },
            { cluster: 'v2', weight: weights.v2 },
          ],
        }
      : { cluster: ALL },
  };
}

/** Pushes weights and resolves once the client has ACKed the new RouteConfiguration. */
async function pushWeights(weights: { v1: number; v2: number }): Promise<void> {
  const acked = nextEvent(plane.events, 'ack', (ack) => ack.typeUrl === TYPE_URLS.route);
  const { version } = plane.setSnapshot(config(weights))[TYPE_URLS.route];
  expect((await acked).version).toBe(version);
}

beforeEach(async () => {
  backends = await Promise.all([startBackend('v1'), startBackend('v2')]);
});

afterEach(async () => {
  client?.close();
  await plane?.close();
  await Promise.all(backends.map((backend) => backend.close()));
});

describe('routing without weights', () => {
  it('Should alternate between the two backends, 50:50, like round robin', async () => {
    plane = await startControlPlane({ config: config() });
    client = xdsClient(SERVICE, plane.bootstrap());
    await untilAllAnswer(client, ['v1', 'v2']);

    const tally = await sayHelloTimes(client, 100);

    expect(tally.failures).toEqual([]);
    expect(tally.byBackend).toEqual({ v1: 50, v2: 50 });
    tally.sequence.slice(1).forEach((backend, i) => expect(backend).not.toBe(tally.sequence[i]));
  });
});

describe('weighted clusters', () => {
  it('Should split about 90:10 over 200 RPCs when the weights say 90:10', async () => {
    plane = await startControlPlane({ config: config({ v1: 90, v2: 10 }) });
    client = xdsClient(SERVICE, plane.bootstrap());

    const tally = await sayHelloTimes(client, 200);

    expect(tally.failures).toEqual([]);
    const v1Percent = (100 * (tally.byBackend.v1 ?? 0)) / 200;
    expect(Math.abs(v1Percent - 90)).toBeLessThanOrEqual(8);
  });

  it('Should follow a push to 0:100 on a live channel with zero failed RPCs', async () => {
    plane = await startControlPlane({ config: config({ v1: 50, v2: 50 }) });
    client = xdsClient(SERVICE, plane.bootstrap());
    await untilAllAnswer(client, ['v1', 'v2']);
    // Keep RPCs flowing while the push lands, as a client under load would.
    const during = sayHelloTimes(client, 100);

    await pushWeights({ v1: 0, v2: 100 });
    const after = await sayHelloTimes(client, 50);

    expect((await during).failures).toEqual([]);
    expect(after.failures).toEqual([]);
    expect(after.byBackend).toEqual({ v2: 50 });
  });

  it('Should see its weights sum-0 push NACKed while the client keeps the last good config', async () => {
    plane = await startControlPlane({ config: config({ v1: 100, v2: 0 }) });
    client = xdsClient(SERVICE, plane.bootstrap());
    const good = await sayHelloTimes(client, 10);
    const goodVersion = plane.setSnapshot(config({ v1: 100, v2: 0 }))[TYPE_URLS.route].version;

    const nacked = nextEvent(plane.events, 'nack');
    const badVersion = plane.setSnapshot(config({ v1: 0, v2: 0 }))[TYPE_URLS.route].version;
    const nack = await nacked;
    const resent: string[] = [];
    plane.events.on('response', (response) => resent.push(response.typeUrl));
    const after = await sayHelloTimes(client, 50);

    expect(nack).toMatchObject({
      typeUrl: TYPE_URLS.route,
      rejectedVersion: badVersion,
      keptVersion: goodVersion,
    });
    expect(nack.message).toMatch(/sum of weights is 0/);
    expect(good.byBackend).toEqual({ v1: 10 });
    expect(after.failures).toEqual([]);
    expect(after.byBackend).toEqual({ v1: 50 });
    expect(resent).toEqual([]); // answering a NACK with the same config would only loop
  });

  it('Should recover from a NACK with the next good push', async () => {
    plane = await startControlPlane({ config: config({ v1: 100, v2: 0 }) });
    client = xdsClient(SERVICE, plane.bootstrap());
    await sayHelloTimes(client, 1);
    const nacked = nextEvent(plane.events, 'nack');
    plane.setSnapshot(config({ v1: 0, v2: 0 }));
    await nacked;

    await pushWeights({ v1: 0, v2: 100 });
    const after = await sayHelloTimes(client, 20);

    expect(after.byBackend).toEqual({ v2: 20 });
  });
});

describe('snapshots', () => {
  it('Should follow ten pushes in a row with zero failed RPCs, ending where the last one says', async () => {
    plane = await startControlPlane({ config: config({ v1: 50, v2: 50 }) });
    client = xdsClient(SERVICE, plane.bootstrap());
    await untilAllAnswer(client, ['v1', 'v2']);
    const failures = [];

    for (let push = 1; push <= 10; push++) {
      await pushWeights(push === 10 ? { v1: 100, v2: 0 } : { v1: 10 * push, v2: 100 - 10 * push });
      failures.push(...(await sayHelloTimes(client, 10)).failures);
    }
    const after = await sayHelloTimes(client, 20);

    expect(failures).toEqual([]);
    expect(after.byBackend).toEqual({ v1: 20 });
  });

  it('Should resend only the RouteConfiguration when weights change, and nothing when nothing did', async () => {
    plane = await startControlPlane({ config: config({ v1: 50, v2: 50 }) });
    client = xdsClient(SERVICE, plane.bootstrap());
    await untilAllAnswer(client, ['v1', 'v2']);
    const sent: string[] = [];
    plane.events.on('response', (response) => sent.push(response.typeUrl));

    plane.setSnapshot(config({ v1: 50, v2: 50 }));
    await sayHelloTimes(client, 4);
    expect(sent).toEqual([]);

    await pushWeights({ v1: 10, v2: 90 });
    expect(sent).toEqual([TYPE_URLS.route]);
    expect((await sayHelloTimes(client, 10)).failures).toEqual([]);
  });

  it('Should serve the route inside the Listener when asked to, and follow changes there', async () => {
    plane = await startControlPlane({
      config: { ...config({ v1: 100, v2: 0 }), inlineRoute: true },
    });
    client = xdsClient(SERVICE, plane.bootstrap());
    expect((await sayHelloTimes(client, 10)).byBackend).toEqual({ v1: 10 });

    const acked = nextEvent(plane.events, 'ack', (ack) => ack.typeUrl === TYPE_URLS.listener);
    plane.setSnapshot({ ...config({ v1: 0, v2: 100 }), inlineRoute: true });
    await acked;

    expect((await sayHelloTimes(client, 10)).byBackend).toEqual({ v2: 10 });
  });
});

describe('control plane restarts', () => {
  it('Should keep the client working while it is down, then see the client resubscribe', async () => {
    plane = await startControlPlane({ config: config({ v1: 100, v2: 0 }) });
    client = xdsClient(SERVICE, plane.bootstrap());
    expect((await sayHelloTimes(client, 5)).byBackend).toEqual({ v1: 5 });
    const { port } = plane;

    await plane.close();
    const whileDown = await sayHelloTimes(client, 20);
    plane = await startControlPlane({ config: config({ v1: 0, v2: 100 }), port });
    // The client reconnects with its own backoff (about a second), then acks the new routes.
    await nextEvent(plane.events, 'ack', (ack) => ack.typeUrl === TYPE_URLS.route, 10_000);
    const afterRestart = await sayHelloTimes(client, 20);

    expect(whileDown.failures).toEqual([]);
    expect(whileDown.byBackend).toEqual({ v1: 20 });
    expect(afterRestart.failures).toEqual([]);
    expect(afterRestart.byBackend).toEqual({ v2: 20 });
  });
});
