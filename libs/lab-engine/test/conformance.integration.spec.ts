// The builtin plane held to Istio's: for every mesh scenario of the chart (and one world outside
// it), both planes are started for the same world and pods, and what a proxyless client subscribes
// to (listener, route, clusters, endpoints) must be the same. Where they differ, translate.ts is
// wrong, not this test.
import { startControlPlane, type XdsConfig } from '@grpc-greeter/xds-control-plane';
import { type AdsDump, dumpAds } from '@grpc-greeter/xds-control-plane/testing';
import { startBuiltinPlane } from '../src/mesh/builtin-plane';
import { startIstioPlane } from '../src/mesh/istio-plane';
import type { MeshPlane } from '../src/mesh/mesh-plane';
import { translate } from '../src/mesh/translate';
import {
  type Case,
  edited,
  leastRequest,
  meshRenders,
  podsOf,
  withThirdVersion,
} from './conformance-worlds';

// Istio's pilot processes start in parallel on 2 shared cores: far above the ~10 s they take.
jest.setTimeout(120_000);

async function dumpOf(plane: MeshPlane): Promise<AdsDump> {
  const bootstrap = JSON.parse(plane.clientEnv['GRPC_XDS_BOOTSTRAP_CONFIG'] ?? '{}');
  return dumpAds({ bootstrap, listener: plane.target.slice('xds:///'.length) });
}

async function dumpWith(start: () => Promise<MeshPlane>): Promise<AdsDump> {
  const plane = await start();
  try {
    return await dumpOf(plane);
  } finally {
    await plane.close();
  }
}

const THREE_SUBSETS = 'weighted-90-10 with v3, 80/10/10';
const cases = [
  ...meshRenders(),
  edited('weighted-90-10', THREE_SUBSETS, withThirdVersion),
  edited('proxyless', 'proxyless with LEAST_REQUEST', leastRequest),
  edited('weighted-90-10', 'sidecar with LEAST_REQUEST', leastRequest),
];
const pods = new Map(cases.map((c) => [c.name, podsOf(c.world)]));
let istio: Map<string, AdsDump>;
const started = Date.now();

beforeAll(async () => {
  // One Istio pilot per world, all at once: each spends most of its start waiting on informers.
  // allSettled: every plane is closed before a failure is reported.
  const dumps = await Promise.allSettled(
    cases.map((c) => dumpWith(() => startIstioPlane(c.world, pods.get(c.name) ?? []))),
  );
  istio = new Map(
    cases.map((c, i) => {
      const dump = dumps[i];
      if (dump.status === 'rejected') throw new Error(`${c.name}: ${dump.reason}`);
      return [c.name, dump.value];
    }),
  );
});

afterAll(() => {
  console.log(`conformance: ${cases.length} worlds, both planes, in ${Date.now() - started} ms`);
});

describe('The builtin plane serves what Istio serves a proxyless client', () => {
  it("Should find the chart's mesh scenarios among its renders", () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining(['weighted-90-10', 'proxyless', 'gateway-api-90-10', 'v2-only']),
    );
  });

  it('Should give the edited worlds what they ask Istio for', () => {
    const route = istio.get(THREE_SUBSETS)?.route;
    expect(route && 'weighted' in route && route.weighted.map((w) => w.weight)).toEqual([
      80, 10, 10,
    ]);
    const policies = (name: string) => istio.get(name)?.clusters.map((c) => c.lbPolicy);
    expect(new Set(policies('proxyless with LEAST_REQUEST'))).toEqual(new Set(['LEAST_REQUEST']));
    // The sidecar's stand-in is a proxyless client: the lab asks Istio for what it can use.
    expect(new Set(policies('sidecar with LEAST_REQUEST'))).toEqual(new Set(['ROUND_ROBIN']));
  });

  // What the comparisons below hold the builtin plane to, so they are not equal by being empty.
  it("Should give a VirtualService's retries and fault what Istio writes for them", () => {
    const retry = (name: string) => istio.get(name)?.retry;
    expect(retry('rolling-update-retries')).toEqual({ retryOn: 'unavailable', numRetries: 3 });
    expect(retry('rolling-update-retries (phase 3)')).toBeNull();
    // No retries written: Istio's default policy (retry.DefaultPolicy).
    expect(retry('sidecar-round-robin')).toEqual({
      retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
      numRetries: 2,
    });
    expect(istio.get('fault-abort')?.fault).toMatchObject({
      abort: { grpc_status: 10, percentage: { numerator: 100000, denominator: 'MILLION' } },
    });
    expect(istio.get('fault-delay')?.fault).toMatchObject({
      delay: { fixed_delay: { nanos: 200000000 }, percentage: { numerator: 100000 } },
    });
    expect(istio.get('sidecar-round-robin')?.fault).toBeNull();
    expect(istio.get('sidecar-round-robin')?.httpFilters).toEqual([
      'envoy.filters.http.fault',
      'envoy.filters.http.router',
    ]);
  });

  // Istio's gRPC generator (grpcgen cds.go, applyTrafficPolicy) writes TLS, load balancing and
  // circuit breakers, never the DestinationRule's outlierDetection: the client ejects no pod.
  it('Should find no outlier detection in the clusters Istio sends for a DestinationRule with one', () => {
    const clusters = istio.get('outlier-detection')?.clusters ?? [];
    expect(clusters.length).toBeGreaterThan(0);
    expect(clusters.map((c) => c.outlierDetection)).toEqual(clusters.map(() => null));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const builtin = await dumpWith(() => startBuiltinPlane(c.world, pods.get(c.name) ?? []));
    expect(builtin).toEqual(istio.get(c.name));
  });
});

describe('The comparison', () => {
  const weighted = cases.find((c) => c.name === 'weighted-90-10') as Case;
  const wrongly = async (edit: (config: XdsConfig) => void) => {
    const listener = `${weighted.world.target.service.fqdn}:${weighted.world.target.port.port}`;
    const { config } = translate(weighted.world, pods.get(weighted.name) ?? [], listener, true);
    edit(config);
    const plane = await startControlPlane({ config });
    try {
      return await dumpAds({ bootstrap: JSON.parse(plane.bootstrap()), listener });
    } finally {
      await plane.close();
    }
  };

  it('Should fail for a builtin plane with the weights swapped', async () => {
    const dump = await wrongly((config) => {
      if (!('weighted' in config.route)) throw new Error('weighted-90-10 has no weighted route');
      const [a, b] = config.route.weighted;
      [a.weight, b.weight] = [b.weight, a.weight];
    });
    expect(dump).not.toEqual(istio.get(weighted.name));
    expect({ ...dump, route: istio.get(weighted.name)?.route }).toEqual(istio.get(weighted.name));
  });

  it('Should fail for a builtin plane without the default retry policy', async () => {
    const dump = await wrongly((config) => delete config.retry);
    expect(dump).not.toEqual(istio.get(weighted.name));
  });

  it('Should fail for a builtin plane with a cluster renamed', async () => {
    const dump = await wrongly((config) => {
      for (const cluster of config.clusters) cluster.name = cluster.name.replace('|v2|', '|two|');
      if ('weighted' in config.route) {
        for (const w of config.route.weighted) w.cluster = w.cluster.replace('|v2|', '|two|');
      }
    });
    expect(dump).not.toEqual(istio.get(weighted.name));
  });
});
