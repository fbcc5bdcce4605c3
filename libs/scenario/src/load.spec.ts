import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findChartDir, listScenarios, loadScenario, ScenarioError } from './index';
import { CONTRACT_SCENARIOS } from '../test/contract-scenarios';

// A chart-shaped folder (values.yaml + scenarios/) written to the contract's keys.
const FIXTURE_CHART = path.join(__dirname, '..', 'test', 'fixtures');

let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'scenario-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Writes `yaml` as work/bad.yaml and returns the one-line error loading it produces. */
function loadError(yaml: string): ScenarioError {
  writeFileSync(path.join(work, 'bad.yaml'), yaml);
  try {
    loadScenario('./bad.yaml', { chartDir: FIXTURE_CHART, cwd: work });
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).not.toContain('\n');
    return error as ScenarioError;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('loadScenario on the contract scenarios', () => {
  const load = (name: string) => loadScenario(name, { chartDir: FIXTURE_CHART });

  it.each(CONTRACT_SCENARIOS)('derives %s: path %s, expect %s', (name, labPath, expectSpec) => {
    const scenario = load(name);
    expect(scenario.name).toBe(name);
    expect(scenario.path).toBe(labPath);
    expect(scenario.test.expect?.spec).toBe(expectSpec);
  });

  it('keeps the defaults a scenario does not override', () => {
    const scenario = load('no-sidecar');
    expect(scenario).toMatchObject({
      description: 'No sidecar: kube-proxy balances connections, not requests',
      serverName: 'istio-grpc-server',
      port: 8080,
      versions: [
        { name: 'v1', replicas: 1 },
        { name: 'v2', replicas: 1 },
      ],
      sidecar: false,
      proxyless: false,
      headless: false,
      clientSideLb: false,
      client: { target: '', lbPolicy: 'pick_first' },
      maxConnectionAgeMs: 0,
      maxConnectionAgeGraceMs: 5000,
      test: { enabled: true, tolerance: 8, repeat: 200, intervalMs: 0 },
    });
  });

  it('turns weights into a list in version order and derives the split from them', () => {
    const scenario = load('weighted-90-10');
    expect(scenario.routing).toEqual({
      enabled: true,
      loadBalancer: 'ROUND_ROBIN',
      weights: [
        { version: 'v1', weight: 90 },
        { version: 'v2', weight: 10 },
      ],
    });
    expect(scenario.test.expect).toEqual({
      kind: 'split',
      spec: 'v1=90,v2=10',
      percent: { v1: 90, v2: 10 },
    });
  });

  it('reads client-side LB as headless + round_robin with the dns:/// target as written', () => {
    const scenario = load('client-side-lb');
    expect(scenario).toMatchObject({ headless: true, clientSideLb: true });
    expect(scenario.client).toEqual({
      target: 'dns:///istio-grpc-server:8080',
      lbPolicy: 'round_robin',
    });
  });

  it('converts Go durations to milliseconds', () => {
    const scenario = load('max-connection-age');
    expect(scenario.maxConnectionAgeMs).toBe(1000);
    expect(scenario.test.intervalMs).toBe(10);
  });

  it('exposes the merged values for consistency checks', () => {
    expect(load('v2-only').values.routing.weights).toEqual({ v1: 0, v2: 100 });
  });
});

/** Writes a file under the work dir and returns the work dir (the cwd for a relative load). */
function write(file: string, text: string): string {
  writeFileSync(path.join(work, file), text);
  return work;
}

describe('finding the scenario file', () => {
  it('accepts the file name with or without .yaml', () => {
    const options = { chartDir: FIXTURE_CHART };
    expect(loadScenario('v2-only.yaml', options)).toEqual(loadScenario('v2-only', options));
  });

  it('loads a path to any values file, naming the scenario after the file', () => {
    write(
      'canary-75.yml',
      'mesh: {sidecar: true}\nrouting: {enabled: true, weights: {v1: 75, v2: 25}}\n',
    );
    const scenario = loadScenario('./canary-75.yml', { chartDir: FIXTURE_CHART, cwd: work });
    expect(scenario).toMatchObject({ name: 'canary-75', file: 'canary-75.yml', path: 'mesh' });
    expect(scenario.test.expect?.spec).toBe('v1=75,v2=25');
  });

  it('falls back to a file in the working directory when scenarios/ has no such name', () => {
    write('mine.yaml', 'mesh: {proxyless: true}\n');
    const scenario = loadScenario('mine.yaml', { chartDir: FIXTURE_CHART, cwd: work });
    expect(scenario).toMatchObject({ name: 'mine', file: 'mine.yaml', path: 'mesh' });
  });

  it('names the missing scenario and lists the available ones', () => {
    const chartDir = path.relative(process.cwd(), FIXTURE_CHART);
    expect(() => loadScenario('nope', { chartDir })).toThrow(
      `${chartDir}/scenarios/nope.yaml: no such scenario file (available: no-sidecar, ` +
        'sidecar-round-robin, weighted-90-10, v2-only, client-side-lb, max-connection-age, proxyless)',
    );
  });

  it('names a missing path', () => {
    expect(() => loadScenario('./missing.yaml', { chartDir: FIXTURE_CHART, cwd: work })).toThrow(
      new ScenarioError('missing.yaml', 'no such file'),
    );
  });

  it('names a missing values.yaml when the chart folder is wrong', () => {
    mkdirSync(path.join(work, 'scenarios'));
    write('scenarios/a.yaml', '{}');
    expect(() => loadScenario('a', { chartDir: '.', cwd: work })).toThrow(
      'values.yaml: no such file',
    );
  });

  it('finds charts/grpc-greeter from a subfolder of the repository', () => {
    const chart = path.join(work, 'charts', 'grpc-greeter');
    mkdirSync(path.join(chart, 'scenarios'), { recursive: true });
    mkdirSync(path.join(work, 'apps', 'lab'), { recursive: true });
    writeFileSync(
      path.join(chart, 'values.yaml'),
      readFileSync(path.join(FIXTURE_CHART, 'values.yaml')),
    );
    expect(findChartDir(path.join(work, 'apps', 'lab'))).toBe(chart);
    expect(listScenarios(chart)).toEqual([]);
  });
});

describe('reading YAML as Helm does', () => {
  it('treats yes/no as booleans (YAML 1.1, like go-yaml)', () => {
    write('yes.yaml', 'mesh:\n  sidecar: yes\n');
    expect(loadScenario('./yes.yaml', { chartDir: FIXTURE_CHART, cwd: work }).sidecar).toBe(true);
  });

  it('lets a scenario replace the versions list wholesale', () => {
    write('one.yaml', 'server:\n  versions:\n    - name: v1\n      replicas: 3\n');
    const scenario = loadScenario('./one.yaml', { chartDir: FIXTURE_CHART, cwd: work });
    expect(scenario.versions).toEqual([{ name: 'v1', replicas: 3 }]);
  });

  it('reports broken YAML on one line', () => {
    expect(loadError('routing:\n  weights: {v1: 90\n').message).toMatch(
      /^bad\.yaml: invalid YAML: .+ at line 3, column 1$/,
    );
  });

  it('rejects a file that is not a map of values', () => {
    expect(loadError('- v1\n- v2\n').message).toBe('bad.yaml: must be a YAML map of chart values');
  });
});

describe('deriving test.expect as the chart does', () => {
  const derive = (yaml: string) => {
    write('s.yaml', yaml);
    return loadScenario('./s.yaml', { chartDir: FIXTURE_CHART, cwd: work }).test.expect?.spec;
  };
  const threeVersions =
    'server:\n  versions: [{name: v1, replicas: 1}, {name: v2, replicas: 2}, {name: v3, replicas: 0}]\n';

  it.each([
    ['no mesh: one connection, one pod', '{}', 'one-pod'],
    ['a mesh without weights: replica shares', 'mesh: {sidecar: true}', 'v1=50,v2=50'],
    [
      'uneven replicas: integer shares, the last version takes the rest',
      `${threeVersions}mesh: {proxyless: true}`,
      'v1=33,v2=66,v3=1',
    ],
    [
      'weights under a mesh: every version in server.versions order, missing ones 0',
      `${threeVersions}mesh: {sidecar: true}\nrouting: {enabled: true, weights: {v2: 100}}`,
      'v1=0,v2=100,v3=0',
    ],
    [
      'weights without a mesh do nothing: one pod',
      'routing: {enabled: true, weights: {v1: 90, v2: 10}}',
      'one-pod',
    ],
    [
      'headless + round_robin: replica shares',
      'service: {headless: true}\nclient: {lbPolicy: round_robin}',
      'v1=50,v2=50',
    ],
    ['headless + pick_first: still one pod', 'service: {headless: true}', 'one-pod'],
    ['maxConnectionAge without a mesh: many pods', 'server: {maxConnectionAge: 30s}', 'many-pods'],
    ['maxConnectionAge "0" means off', 'server: {maxConnectionAge: "0"}', 'one-pod'],
  ])('%s', (_case, yaml, spec) => {
    expect(derive(`${yaml}\n`)).toBe(spec);
  });

  it('derives nothing, and fails nothing, when the helm test is off', () => {
    const yaml = 'mesh: {sidecar: true}\nrouting: {enabled: true, loadBalancer: PASSTHROUGH}\n';
    expect(derive(`${yaml}test: {enabled: false}\n`)).toBeUndefined();
  });
});

describe('validation with the chart rules', () => {
  const sidecar = 'mesh: {sidecar: true}\nrouting:\n  enabled: true\n';
  const label = "must be a DNS-1123 label (a-z, 0-9, '-', at most 63, alphanumeric at both ends)";

  it.each([
    [
      'weights that do not sum to 100',
      `${sidecar}  weights: {v1: 50, v2: 60}\n`,
      'bad.yaml: routing.weights must sum to 100, got 110',
    ],
    [
      'a weight for an unknown version',
      `${sidecar}  weights: {v1: 50, v3: 50}\n`,
      'bad.yaml: routing.weights.v3 names no such version in server.versions (have v1, v2)',
    ],
    [
      'a weight over 100',
      `${sidecar}  weights: {v1: 150, v2: -50}\n`,
      'bad.yaml: routing.weights.v1 must be an integer from 0 to 100, got 150',
    ],
    [
      'a fractional weight',
      `${sidecar}  weights: {v1: 50.5, v2: 49.5}\n`,
      'bad.yaml: routing.weights.v1 must be an integer from 0 to 100, got 50.5',
    ],
    [
      'a weight keyed by something that cannot be a version',
      `${sidecar}  weights: {V_1: 100}\n`,
      `bad.yaml: routing.weights.V_1 is not allowed as a key here: ${label}, got "V_1"`,
    ],
    [
      'weights without the DestinationRule',
      'routing:\n  weights: {v1: 90, v2: 10}\n',
      'bad.yaml: routing.weights needs routing.enabled=true: the VirtualService routes to DestinationRule subsets',
    ],
    [
      'a version name that is not a DNS-1123 label',
      'server:\n  versions: [{name: V_1, replicas: 1}]\n',
      `bad.yaml: server.versions[0].name ${label}, got "V_1"`,
    ],
    [
      'negative replicas',
      'server:\n  versions: [{name: v1, replicas: -1}]\n',
      'bad.yaml: server.versions[0].replicas must be an integer >= 0, got -1',
    ],
    [
      'a repeated version name',
      'server:\n  versions: [{name: v1, replicas: 1}, {name: v1, replicas: 2}]\n',
      'bad.yaml: server.versions has a duplicate version name "v1"',
    ],
    [
      'no versions at all',
      'server:\n  versions: []\n',
      'bad.yaml: server.versions needs at least 1 entry',
    ],
    [
      'an empty image repository',
      'server:\n  image: {repository: ""}\n',
      'bad.yaml: server.image.repository must be a non-empty string, got ""',
    ],
    [
      'an image repository deleted with null',
      'client:\n  image: {repository: null}\n',
      'bad.yaml: client.image.repository is required',
    ],
    [
      'an unknown load balancer',
      'routing:\n  loadBalancer: LEAST_CONN\n',
      'bad.yaml: routing.loadBalancer must be one of "ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "PASSTHROUGH", got "LEAST_CONN"',
    ],
    [
      'an unknown client LB policy',
      'client:\n  lbPolicy: RoundRobin\n',
      'bad.yaml: client.lbPolicy must be one of "pick_first", "round_robin", got "RoundRobin"',
    ],
    [
      'an unknown probe mode',
      'probes:\n  mode: http\n',
      'bad.yaml: probes.mode must be one of "grpc", "exec", got "http"',
    ],
    [
      'an unknown Istio API version',
      'routing:\n  istioApiVersion: networking.istio.io/v2\n',
      'bad.yaml: routing.istioApiVersion must be one of "", "networking.istio.io/v1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3", got "networking.istio.io/v2"',
    ],
    [
      'a quoted boolean',
      'mesh:\n  sidecar: "true"\n',
      'bad.yaml: mesh.sidecar must be true or false, got "true"',
    ],
    [
      'a fractional tolerance',
      'test:\n  tolerance: 7.5\n',
      'bad.yaml: test.tolerance must be an integer from 0 to 100, got 7.5',
    ],
    [
      'a misspelt key',
      'routing:\n  wieghts: {v1: 90, v2: 10}\n',
      'bad.yaml: routing.wieghts is not a chart value (known here: enabled, loadBalancer, weights, istioApiVersion)',
    ],
    [
      'an unknown top-level key',
      'sidecar: true\n',
      'bad.yaml: sidecar is not a chart value (known here: global, scenario, server, service, client, mesh, routing, probes, test)',
    ],
    [
      'a duration Go would not parse',
      'server:\n  maxConnectionAge: 30 seconds\n',
      'bad.yaml: server.maxConnectionAge must be a Go duration like 500ms, 30s or 1m30s, or "", got "30 seconds"',
    ],
    [
      'a negative duration',
      'test:\n  interval: -10ms\n',
      'bad.yaml: test.interval must be a Go duration like 500ms, 30s or 1m30s, or "", got "-10ms"',
    ],
    [
      'an expectation outside the grammar',
      'test:\n  expect: half\n',
      'bad.yaml: test.expect must be "", one-pod, many-pods or percent by version like v1=90,v2=10, got "half"',
    ],
    [
      'an expectation that does not sum to 100',
      'test:\n  expect: v1=50,v2=40\n',
      'bad.yaml: test.expect percentages must sum to 100, got 90',
    ],
    [
      'an expectation naming an unknown version',
      'test:\n  expect: v1=50,v3=50\n',
      'bad.yaml: test.expect "v3" names no version in server.versions (have v1, v2)',
    ],
    [
      'an expectation that cannot be derived (PASSTHROUGH leaves it to kube-proxy)',
      `${sidecar}  loadBalancer: PASSTHROUGH\n`,
      'bad.yaml: test.expect cannot be derived: routing.loadBalancer PASSTHROUGH leaves the split to kube-proxy; set test.expect',
    ],
    [
      'an expectation that cannot be derived (no replicas at all)',
      'mesh: {sidecar: true}\nserver:\n  versions: [{name: v1, replicas: 0}]\n',
      'bad.yaml: test.expect cannot be derived: server.versions have 0 replicas in total; set test.expect or add replicas',
    ],
    [
      'an expectation that cannot be derived (maxConnectionAge with one replica)',
      'server:\n  maxConnectionAge: 1s\n  versions: [{name: v1, replicas: 1}]\n',
      'bad.yaml: test.expect cannot be derived: server.maxConnectionAge can only spread connections over 2+ replicas; set test.expect',
    ],
    ['a section deleted with null', 'routing: null\n', 'bad.yaml: routing is required'],
  ])('rejects %s with one line naming file and key', (_case, yaml, message) => {
    expect(loadError(yaml).message).toBe(message);
  });

  it('accepts the global map Helm injects for subcharts', () => {
    write('global.yaml', 'global: {imageRegistry: example.com}\n');
    expect(loadScenario('./global.yaml', { chartDir: FIXTURE_CHART, cwd: work }).name).toBe(
      'global',
    );
  });

  it('carries the file and the key on the error', () => {
    const error = loadError(`${sidecar}  weights: {v1: 50, v2: 60}\n`);
    expect(error).toMatchObject({
      file: 'bad.yaml',
      key: 'routing.weights',
      name: 'ScenarioError',
    });
  });

  it('blames values.yaml when the bad value comes from the defaults', () => {
    const defaults = readFileSync(path.join(FIXTURE_CHART, 'values.yaml'), 'utf8');
    write('values.yaml', defaults.replace('port: 8080', 'port: 80800'));
    write('ok.yaml', 'mesh: {sidecar: true}\n');
    expect(() => loadScenario('./ok.yaml', { chartDir: '.', cwd: work })).toThrow(
      'values.yaml: server.port must be an integer from 1 to 65535, got 80800',
    );
  });
});
