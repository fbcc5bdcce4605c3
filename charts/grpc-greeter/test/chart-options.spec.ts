// Single values that change what the chart renders: the Istio API version, the probe mode, image
// tags, shutdown timing and the expectation derived for `helm test`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { validateWithModels } from './support/models';
import { notesRenderer } from './support/notes';
import { flagValue } from '@grpc-greeter/manifests';
import { asType, Deployment, testPod } from './support/pods';
import { render, RenderOptions, Rendered } from './support/render';

const V1 = 'networking.istio.io/v1';

function servers(r: Rendered): Deployment[] {
  return r
    .all('Deployment')
    .filter((d) => d.metadata.labels?.['app.kubernetes.io/component'] === 'server')
    .map((d) => asType<Deployment>(d));
}

function derivedExpect(opts: RenderOptions): Promise<string | undefined> {
  return render(opts).then((r) => flagValue(testPod(r).spec.containers[0].args ?? [], 'expect'));
}

describe('Istio API version', () => {
  it.each([
    ['the cluster serves networking.istio.io/v1', { apiVersions: [V1] }, V1],
    ['the cluster does not (older Istio)', {}, 'networking.istio.io/v1beta1'],
    [
      'routing.istioApiVersion overrides what the cluster serves',
      { apiVersions: [V1], set: ['routing.istioApiVersion=networking.istio.io/v1alpha3'] },
      'networking.istio.io/v1alpha3',
    ],
  ])('when %s: %s', async (_when, opts: RenderOptions, expected) => {
    const r = await render({ scenario: 'weighted-90-10', ...opts });
    const rules = [r.get('DestinationRule'), r.get('VirtualService')];
    expect(rules.map((o) => o.apiVersion)).toEqual([expected, expected]);
    const results = await validateWithModels(rules);
    expect(results.filter((x) => x.error !== null)).toEqual([]);
  });
});

describe('probes.mode', () => {
  it('exec runs /bin/grpc_health_probe -addr=:<port> as in the tutorial', async () => {
    const r = await render({ set: ['probes.mode=exec', 'server.port=9090'] });
    for (const d of servers(r)) {
      const c = d.spec.template.spec.containers[0];
      for (const probe of [c.readinessProbe, c.livenessProbe]) {
        expect(probe?.exec).toEqual({ command: ['/bin/grpc_health_probe', '-addr=:9090'] });
        expect(probe?.grpc).toBeUndefined();
      }
    }
  });

  it('exec gives the probe process time to start under the CPU limit, and one slow run never flips readiness', async () => {
    const r = await render({ set: ['probes.mode=exec'] });
    for (const d of servers(r)) {
      const { readinessProbe, livenessProbe } = d.spec.template.spec.containers[0];
      // Start-up (apps/health-probe/README.md) + the probe's own 1 s connect and 1 s RPC deadlines.
      expect(readinessProbe.timeoutSeconds).toBeGreaterThanOrEqual(5);
      expect(livenessProbe.timeoutSeconds).toBeGreaterThanOrEqual(5);
      expect(readinessProbe.failureThreshold).toBeGreaterThanOrEqual(2);
      expect(livenessProbe.failureThreshold).toBeGreaterThanOrEqual(3);
      // A draining server still leaves the endpoints before the drain (5 s) ends.
      expect(readinessProbe.periodSeconds * readinessProbe.failureThreshold).toBeLessThan(5);
    }
  });
});

describe('images', () => {
  it('default the tag to the chart appVersion and take repository, tag and pullPolicy from values', async () => {
    const r = await render({
      set: ['server.image.repository=registry.example/srv', 'server.image.pullPolicy=Always'],
    });
    const server = servers(r)[0].spec.template.spec.containers[0];
    expect(server.image).toBe('registry.example/srv:0.1.0');
    expect(server.imagePullPolicy).toBe('Always');
    const r2 = await render({ set: ['client.image.tag=dev'] });
    expect(testPod(r2).spec.containers[0].image).toBe('grpc-greeter-mesh/greeter-client:dev');
  });
});

describe('shutdown timing', () => {
  it('gives the kubelet grace = drain + shutdown timeout + margin', async () => {
    const r = await render({ set: ['server.drainSeconds=20', 'server.shutdownTimeoutSeconds=7'] });
    for (const d of servers(r)) {
      const spec = d.spec.template.spec;
      expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(27);
      expect(spec.containers[0].args).toEqual(
        expect.arrayContaining(['--drain-seconds=20', '--shutdown-timeout-seconds=7']),
      );
    }
  });
});

describe('versions', () => {
  it('renders one Deployment per version with its replicas, and a subset for each', async () => {
    const r = await render({
      scenario: 'sidecar-round-robin',
      apiVersions: [V1],
      set: [
        'server.versions[0].name=blue',
        'server.versions[0].replicas=3',
        'server.versions[1].name=green',
        'server.versions[1].replicas=1',
        'test.expect=',
      ],
    });
    expect(servers(r).map((d) => [d.metadata.name, d.spec.replicas])).toEqual([
      ['istio-grpc-server-blue', 3],
      ['istio-grpc-server-green', 1],
    ]);
    const subsets = (r.get('DestinationRule').spec as { subsets: { name: string }[] }).subsets;
    expect(subsets.map((s) => s.name)).toEqual(['blue', 'green']);
    // Per-request balancing over 4 pods: 3 of them are blue.
    expect(flagValue(testPod(r).spec.containers[0].args ?? [], 'expect')).toBe('blue=75,green=25');
  });
});

describe('test.expect derivation (test.expect "")', () => {
  it.each([
    ['no mesh, one connection', { set: [] }, 'one-pod'],
    ['no mesh, maxConnectionAge set', { set: ['server.maxConnectionAge=30s'] }, 'many-pods'],
    [
      'headless Service + round_robin client',
      { set: ['service.headless=true', 'client.lbPolicy=round_robin'] },
      'v1=50,v2=50',
    ],
    [
      'round_robin client behind a ClusterIP (one address, one pod)',
      { set: ['client.lbPolicy=round_robin'] },
      'one-pod',
    ],
    ['sidecar, weights', { scenario: 'weighted-90-10', set: [] }, 'v1=90,v2=10'],
    [
      'sidecar, weights naming only v2',
      {
        scenario: 'sidecar-round-robin',
        set: ['test.expect=', 'routing.weights.v2=100'],
      },
      'v1=0,v2=100',
    ],
    [
      'sidecar, no weights: replica shares',
      { scenario: 'sidecar-round-robin', set: ['test.expect='] },
      'v1=50,v2=50',
    ],
    ['proxyless, no weights', { scenario: 'proxyless', set: ['test.expect='] }, 'v1=50,v2=50'],
  ])('%s -> %s', async (_case, opts: RenderOptions, expected) => {
    expect(await derivedExpect({ apiVersions: [V1], ...opts })).toBe(expected);
  });

  it('uses test.expect verbatim when set', async () => {
    expect(
      await derivedExpect({ scenario: 'weighted-90-10', set: ['test.expect=many-pods'] }),
    ).toBe('many-pods');
  });
});

describe('test.enabled=false', () => {
  it('renders no helm test pod', async () => {
    const r = await render({ set: ['test.enabled=false'] });
    expect(r.all('Pod')).toEqual([]);
  });
});

describe('NOTES when the split cannot be predicted', () => {
  it('still installs with test.enabled=false and says why instead of guessing', async () => {
    const opts: RenderOptions = {
      scenario: 'sidecar-round-robin',
      set: ['routing.loadBalancer=PASSTHROUGH', 'test.expect=', 'test.enabled=false'],
    };
    const r = await render(opts);
    expect(r.all('Pod')).toEqual([]);
    const notes = notesRenderer();
    try {
      const text = await notes.render(opts);
      expect(text).toContain('not predictable from these values (test.expect cannot be derived');
      expect(text).toContain('test.enabled is false: no helm test pod in this release');
    } finally {
      notes.dispose();
    }
  });
});

describe('a bad pod: server.versions[].failureRate, routing.outlierDetection, test.retries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bad-pod-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /**
   * A values file: proxyless, v2 failing `rate` of its calls, v1 with `v1Replicas`; `retries` the
   * test client's, `meshRetries` the VirtualService's (undefined: Istio's default policy).
   */
  const badPod = (
    name: string,
    rate: number,
    v1Replicas = 1,
    retries?: number,
    meshRetries?: Record<string, unknown>,
  ) => {
    const file = join(dir, `${name}.yaml`);
    const values = {
      mesh: { proxyless: true },
      routing: {
        enabled: true,
        outlierDetection: { consecutive5xxErrors: 5, baseEjectionTime: '30s' },
        ...(meshRetries && { retries: meshRetries }),
      },
      server: {
        versions: [
          { name: 'v1', replicas: v1Replicas },
          { name: 'v2', replicas: 1, failureRate: rate },
        ],
      },
      ...(retries === undefined ? {} : { test: { retries } }),
    };
    writeFileSync(file, stringify(values));
    return render({ apiVersions: [V1], valuesFiles: [file] });
  };
  const testArgs = (r: Rendered) => testPod(r).spec.containers[0].args ?? [];

  it('passes --failure-rate to that version only and the outlierDetection to the DestinationRule', async () => {
    const r = await badPod('flags', 1);
    const args = servers(r).map((d) => d.spec.template.spec.containers[0].args ?? []);
    expect(args.map((a) => a.filter((arg) => arg.startsWith('--failure-rate')))).toEqual([
      [],
      ['--failure-rate=1'],
    ]);
    const dr = r.get('DestinationRule');
    expect((dr.spec as { trafficPolicy: unknown }).trafficPolicy).toEqual({
      loadBalancer: { simple: 'ROUND_ROBIN' },
      outlierDetection: { consecutive5xxErrors: 5, baseEjectionTime: '30s' },
    });
    expect((await validateWithModels([dr])).filter((x) => x.error !== null)).toEqual([]);
  });

  it('derives the split of the replies and, with no retry on the way, the share of failed calls', async () => {
    const r = await badPod('no-retries', 1, 1, 0, { attempts: 0 });
    expect(flagValue(testArgs(r), 'retries')).toBe('0');
    expect(flagValue(testArgs(r), 'expect')).toBe('v1=100,v2=0');
    expect(flagValue(testArgs(r), 'expect-failed')).toBe('50');
  });

  it('weighs each version by the replicas that answer: v1 ×3, v2 failing half its calls', async () => {
    const r = await badPod('weighed', 0.5, 3, 0, { attempts: 0 });
    expect(flagValue(testArgs(r), 'expect')).toBe('v1=85,v2=15');
    expect(flagValue(testArgs(r), 'expect-failed')).toBe('12');
  });

  it('expects no failed call when the test client retries (the retry reaches another pod)', async () => {
    const r = await badPod('retries', 1, 1, undefined, { attempts: 0 });
    expect(flagValue(testArgs(r), 'retries')).toBeUndefined();
    expect(flagValue(testArgs(r), 'expect-failed')).toBeUndefined();
  });

  it.each([
    ["Istio's default policy", undefined],
    ['a VirtualService retrying unavailable', { attempts: 2, retryOn: 'unavailable,cancelled' }],
  ])('expects no failed call when the mesh retries UNAVAILABLE: %s', async (_, meshRetries) => {
    const r = await badPod('mesh-retries', 1, 1, 0, meshRetries);
    expect(flagValue(testArgs(r), 'expect-failed')).toBeUndefined();
  });

  it('expects the failed share when the VirtualService retries other codes only', async () => {
    const r = await badPod('other-codes', 1, 1, 0, { attempts: 2, retryOn: 'cancelled' });
    expect(flagValue(testArgs(r), 'expect-failed')).toBe('50');
  });
});
