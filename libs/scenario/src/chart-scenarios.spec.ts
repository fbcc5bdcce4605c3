import { findChartDir, listScenarios, loadScenario } from './index';

// The real chart (charts/grpc-greeter), found upward from here as the lab finds it from its cwd.
const CHART_DIR = findChartDir(__dirname);

// What the shared contract says each scenario shows: the lab path and the split `helm test` expects.
const CONTRACT = [
  ['no-sidecar', 'kube-proxy', 'one-pod'],
  ['sidecar-round-robin', 'mesh', 'v1=50,v2=50'],
  ['weighted-90-10', 'mesh', 'v1=90,v2=10'],
  ['v2-only', 'mesh', 'v1=0,v2=100'],
  ['client-side-lb', 'client-side', 'v1=50,v2=50'],
  ['max-connection-age', 'kube-proxy', 'many-pods'],
  ['proxyless', 'mesh', 'v1=50,v2=50'],
] as const;

describe('the chart’s own scenario files', () => {
  it('include the seven of the contract', () => {
    expect(listScenarios(CHART_DIR)).toEqual(
      expect.arrayContaining(CONTRACT.map(([name]) => name)),
    );
  });

  it('lists the tutorial’s four observations first, in the tutorial’s order', () => {
    expect(listScenarios(CHART_DIR).slice(0, 4)).toEqual([
      'no-sidecar',
      'sidecar-round-robin',
      'weighted-90-10',
      'v2-only',
    ]);
  });

  it.each(listScenarios(CHART_DIR))('%s loads without error', (name) => {
    expect(loadScenario(name, { chartDir: CHART_DIR }).name).toBe(name);
  });

  it.each(CONTRACT)('%s runs the %s path expecting %s', (name, labPath, expectSpec) => {
    const scenario = loadScenario(name, { chartDir: CHART_DIR });
    expect(scenario.path).toBe(labPath);
    expect(scenario.test.expect?.spec).toBe(expectSpec);
  });

  it('weighted-90-10 carries its weights in version order', () => {
    expect(loadScenario('weighted-90-10', { chartDir: CHART_DIR }).routing.weights).toEqual([
      { version: 'v1', weight: 90 },
      { version: 'v2', weight: 10 },
    ]);
  });

  it('max-connection-age recycles connections every second, requests 10 ms apart', () => {
    const scenario = loadScenario('max-connection-age', { chartDir: CHART_DIR });
    expect(scenario).toMatchObject({ maxConnectionAgeMs: 250, test: { intervalMs: 10 } });
  });
});
