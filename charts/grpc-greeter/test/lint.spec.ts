// `helm lint --strict` on the chart alone and with every scenario file (schema included).
import { helm, HelmResult } from '@grpc-greeter/testing';
import { CHART_DIR, SCENARIO_NAMES, scenarioFileOf } from './support/paths';

const runs = new Map<string, HelmResult>();

beforeAll(async () => {
  const cases: [string, string[]][] = [
    ['(defaults)', []],
    ...SCENARIO_NAMES.map((name): [string, string[]] => [name, ['--values', scenarioFileOf(name)]]),
  ];
  await Promise.all(
    cases.map(async ([label, extra]) => {
      runs.set(label, await helm(['lint', '--strict', CHART_DIR, ...extra]));
    }),
  );
}, 60_000);

describe('helm lint --strict', () => {
  it.each(['(defaults)', ...SCENARIO_NAMES])('passes with %s', (label) => {
    const result = runs.get(label);
    expect(result?.stderr ?? 'not run').toBe('');
    expect(result?.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result?.code).toBe(0);
  });
});
