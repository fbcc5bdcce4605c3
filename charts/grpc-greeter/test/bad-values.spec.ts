// A wrong values file must stop `helm template` (and so `helm install`) with a message that names
// the key: the schema for types/ranges/patterns, templates/_validate.tpl for cross-key rules.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { helm, HelmResult } from '@grpc-greeter/testing';
import { CHART_DIR, scenarioFileOf } from './support/paths';
import { templateArgs } from './support/render';

interface BadCase {
  title: string;
  scenario?: string;
  values: Record<string, unknown>;
  message: string | RegExp;
}

const versions = (...names: string[]) => names.map((name) => ({ name, replicas: 1 }));

const CASES: BadCase[] = [
  {
    title: 'consistentHash without test.headers to judge stickiness by',
    scenario: 'consistent-hash',
    values: { test: { headers: { 'x-user': ['alice'] } } },
    message:
      'routing.consistentHash.httpHeaderName x-user needs test.headers.x-user with 2+ values',
  },
  {
    title: 'consistentHash with the Gateway API',
    scenario: 'gateway-api-90-10',
    values: { routing: { consistentHash: { httpHeaderName: 'x-user' } } },
    message: 'routing.consistentHash with routing.api=gateway-api',
  },
  {
    title: 'an upper-case consistentHash header',
    scenario: 'consistent-hash',
    values: { routing: { consistentHash: { httpHeaderName: 'X-User' } } },
    message: "at '/routing/consistentHash/httpHeaderName': 'X-User' does not match pattern",
  },
  {
    title: 'a fault with the Gateway API',
    scenario: 'gateway-api-90-10',
    values: { routing: { fault: { delay: { percentage: { value: 10 }, fixedDelay: '1s' } } } },
    message: 'routing.retries and routing.fault are VirtualService fields',
  },
  {
    title: 'a fault percentage above 100',
    scenario: 'fault-abort',
    values: { routing: { fault: { abort: { percentage: { value: 110 } } } } },
    message: "at '/routing/fault/abort/percentage/value': maximum: got 110, want 100",
  },
  {
    title: 'weights 50 + 60',
    scenario: 'weighted-90-10',
    values: { routing: { weights: { v1: 50, v2: 60 } } },
    message: 'routing.weights must sum to 100, got 110',
  },
  {
    title: 'a weight for a version that does not exist',
    scenario: 'weighted-90-10',
    values: { routing: { weights: { v1: 90, v3: 10 } } },
    message: 'routing.weights.v3: no such version in server.versions',
  },
  {
    title: 'a negative weight',
    scenario: 'weighted-90-10',
    values: { routing: { weights: { v1: -10, v2: 110 } } },
    message: "at '/routing/weights/v1': minimum: got -10, want 0",
  },
  {
    title: 'a weight above 100',
    scenario: 'weighted-90-10',
    values: { routing: { weights: { v1: 101 } } },
    message: "at '/routing/weights/v1': maximum: got 101, want 100",
  },
  {
    title: 'a fractional weight',
    scenario: 'weighted-90-10',
    values: { routing: { weights: { v1: 89.5, v2: 10.5 } } },
    message: /at '\/routing\/weights\/v1': got number, want integer/,
  },
  {
    title: 'version name V_1 (not a DNS-1123 label)',
    values: { server: { versions: versions('V_1', 'v2') } },
    message: "at '/server/versions/0/name': 'V_1' does not match pattern",
  },
  {
    title: 'duplicate version names',
    values: { server: { versions: versions('v1', 'v1') } },
    message: 'server.versions: duplicate version name "v1"',
  },
  {
    title: 'an empty server image repository',
    values: { server: { image: { repository: '' } } },
    message: "at '/server/image/repository': minLength: got 0, want 1",
  },
  {
    title: 'a missing client image repository',
    values: { client: { image: { repository: null } } },
    message: "at '/client/image': missing property 'repository'",
  },
  {
    title: 'weights without routing.enabled',
    values: { routing: { weights: { v1: 100 } } },
    message: 'routing.weights needs routing.enabled=true',
  },
  {
    title: 'an unknown probe mode',
    values: { probes: { mode: 'http' } },
    message: "at '/probes/mode': value must be one of 'grpc', 'exec'",
  },
  {
    title: 'an unknown load balancer',
    scenario: 'sidecar-round-robin',
    values: { routing: { loadBalancer: 'MAGLEV' } },
    message: "at '/routing/loadBalancer': value must be one of",
  },
  {
    title: 'an unknown client lbPolicy',
    values: { client: { lbPolicy: 'weighted_round_robin' } },
    message: "at '/client/lbPolicy': value must be one of 'pick_first', 'round_robin'",
  },
  {
    title: 'a misspelt key',
    values: { routing: { weigths: { v1: 100 } } },
    message: "at '/routing': additional properties 'weigths' not allowed",
  },
  {
    title: 'a maxConnectionAge that is not a Go duration',
    values: { server: { maxConnectionAge: '30 seconds' } },
    message: "at '/server/maxConnectionAge'",
  },
  {
    title: 'test.expect naming a version that does not exist',
    scenario: 'sidecar-round-robin',
    values: { test: { expect: 'v1=60,v3=40' } },
    message: 'test.expect: "v3" names no version in server.versions',
  },
  {
    title: 'test.expect percentages that do not sum to 100',
    scenario: 'sidecar-round-robin',
    values: { test: { expect: 'v1=60,v2=60' } },
    message: 'test.expect percentages must sum to 100, got 120',
  },
  {
    title: 'an expectation that cannot be derived (PASSTHROUGH leaves it to kube-proxy)',
    scenario: 'sidecar-round-robin',
    values: { routing: { loadBalancer: 'PASSTHROUGH' }, test: { expect: '' } },
    message: 'test.expect cannot be derived: routing.loadBalancer PASSTHROUGH',
  },
  {
    title: 'an expectation that cannot be derived (no replicas at all)',
    scenario: 'sidecar-round-robin',
    values: {
      server: { versions: [{ name: 'v1', replicas: 0 }] },
      test: { expect: '' },
    },
    message: 'test.expect cannot be derived: server.versions have 0 replicas in total',
  },
  {
    title: 'ambient together with the sidecar',
    scenario: 'ambient',
    values: { mesh: { sidecar: true } },
    message:
      'mesh.ambient and mesh.sidecar cannot both be true: Istio does not enrol a pod with an injected istio-proxy in ambient mode',
  },
  {
    title: 'ambient together with proxyless',
    scenario: 'proxyless',
    values: { mesh: { ambient: true } },
    message: 'mesh.ambient and mesh.proxyless cannot both be true',
  },
  {
    title: 'LEAST_REQUEST for proxyless clients (they NACK it)',
    scenario: 'proxyless',
    values: { routing: { loadBalancer: 'LEAST_REQUEST' } },
    message:
      'routing.loadBalancer LEAST_REQUEST with mesh.proxyless: Istio sends it as the Cluster',
  },
  {
    title: 'a waypoint without ambient',
    scenario: 'sidecar-round-robin',
    values: { mesh: { waypoint: true } },
    message:
      "mesh.waypoint needs mesh.ambient=true: only ztunnel sends a Service's traffic to its waypoint",
  },
  {
    title: 'a headless Service under the sidecar (Istio passes it through: no weights)',
    scenario: 'weighted-90-10',
    values: { service: { headless: true } },
    message: 'service.headless with mesh.sidecar: Istio does not balance a headless Service',
  },
  {
    title: 'a headless Service behind a waypoint (ztunnel bypasses it: no weights)',
    scenario: 'ambient-waypoint',
    values: { service: { headless: true } },
    message: 'service.headless with mesh.waypoint: a headless Service has no cluster IP',
  },
  {
    title: 'gateway-api routing without weights',
    scenario: 'sidecar-round-robin',
    values: { routing: { api: 'gateway-api' } },
    message:
      'routing.api=gateway-api needs routing.weights: the GRPCRoute splits traffic by weighted backendRefs, one per version',
  },
  {
    title: 'an unknown routing API',
    scenario: 'weighted-90-10',
    values: { routing: { api: 'smi' } },
    message: "at '/routing/api': value must be one of 'istio', 'gateway-api'",
  },
  {
    title: 'mesh.sidecar and mesh.proxyless both true',
    scenario: 'proxyless',
    values: { mesh: { sidecar: true } },
    message: 'mesh.sidecar and mesh.proxyless are both true: choose one',
  },
  {
    title: 'a cpu request that is not a Kubernetes quantity',
    values: { server: { resources: { requests: { cpu: 'lots' } } } },
    message: "at '/server/resources/requests/cpu': 'lots' does not match pattern",
  },
  {
    title: 'a memory limit with a unit Kubernetes does not know',
    values: { test: { resources: { limits: { memory: '128MB' } } } },
    message: "at '/test/resources/limits/memory': '128MB' does not match pattern",
  },
  {
    title: 'a podDisruptionBudget.maxUnavailable that is neither a count nor a percentage',
    values: { server: { podDisruptionBudget: { enabled: true, maxUnavailable: 'half' } } },
    message: "at '/server/podDisruptionBudget/maxUnavailable'",
  },
  {
    title: 'an imagePullSecrets entry without a name',
    values: { imagePullSecrets: [{ secret: 'regcred' }] },
    message: "at '/imagePullSecrets/0'",
  },
  {
    title: 'a server podLabels entry replacing the chart’s own `version` label',
    values: { server: { podLabels: { version: 'v9' } } },
    message: 'server.podLabels.version: set by the chart itself',
  },
  {
    title: 'a client podLabels entry replacing the canonical service name',
    values: { client: { podLabels: { 'service.istio.io/canonical-name': 'other' } } },
    message: 'client.podLabels.service.istio.io/canonical-name: set by the chart itself',
  },
  {
    title: 'a test podAnnotations entry replacing a helm hook annotation',
    values: { test: { podAnnotations: { 'helm.sh/hook-delete-policy': 'never' } } },
    message: 'test.podAnnotations.helm.sh/hook-delete-policy: set by the chart itself',
  },
];

const results = new Map<string, HelmResult>();
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grpc-greeter-bad-values-'));
  await Promise.all(
    CASES.map(async (c, i) => {
      const file = join(dir, `case-${i}.yaml`);
      writeFileSync(file, stringify(c.values));
      const valuesFiles = [...(c.scenario ? [scenarioFileOf(c.scenario)] : []), file];
      results.set(
        c.title,
        await helm(templateArgs({ valuesFiles, apiVersions: ['networking.istio.io/v1'] })),
      );
    }),
  );
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('helm template rejects bad values, naming the key', () => {
  it('reports every cross-key rule from templates/validate.yaml, whichever template renders first', () => {
    const locations = [...results.values()]
      .map((r) => /execution error at \(([^:]+):/.exec(r.stderr)?.[1])
      .filter((at) => at !== undefined);
    expect(locations.length).toBeGreaterThanOrEqual(10);
    expect(new Set(locations)).toEqual(new Set(['grpc-greeter/templates/validate.yaml']));
  });

  it.each(CASES.map((c) => [c.title, c] as const))('%s', (_title, c) => {
    const result = results.get(c.title);
    expect(result?.code).not.toBe(0);
    expect(result?.stdout).toBe('');
    if (typeof c.message === 'string') expect(result?.stderr).toContain(c.message);
    else expect(result?.stderr).toMatch(c.message);
  });
});

describe('the chart’s cross-key rules', () => {
  it('are all in templates/_validate.tpl: no other template calls `fail`', () => {
    const templates = readdirSync(join(CHART_DIR, 'templates'), { recursive: true })
      .map(String)
      .filter((file) => /\.(tpl|yaml|txt)$/.test(file));
    const failing = templates.filter((file) =>
      /\bfail\s+["(]/.test(readFileSync(join(CHART_DIR, 'templates', file), 'utf8')),
    );
    expect(failing).toEqual(['_validate.tpl']);
  });
});

describe('Chart.yaml kubeVersion', () => {
  it('refuses Kubernetes 1.23 (no native gRPC probes) and accepts 1.24 and providers’ suffixed versions', async () => {
    const at = (kubeVersion: string) => helm(templateArgs({ kubeVersion }));
    const [old, minimum, provider] = await Promise.all([
      at('1.23.17'),
      at('1.24.0'),
      at('v1.30.4-aliyun.1'),
    ]);
    expect(old.code).not.toBe(0);
    expect(old.stderr).toContain('chart requires kubeVersion: >=1.24.0-0');
    expect([minimum.code, provider.code]).toEqual([0, 0]);
  });
});
