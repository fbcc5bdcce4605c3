import { CONTRACT_SCENARIOS } from '../test/contract-scenarios';
import { findChartDir, listScenarios, loadScenario } from './index';

// The real chart (charts/grpc-greeter), found upward from here as the lab finds it from its cwd.
const CHART_DIR = findChartDir(__dirname);

const CONTRACT = CONTRACT_SCENARIOS;

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
