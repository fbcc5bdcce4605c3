// `helm lint --strict` on the chart alone and with every scenario file (schema included).
import { CHART_DIR, scenarioFile, scenarioNames } from './support/paths';
import { helm, HelmResult } from '@grpc-greeter/testing';

const runs = new Map<string, HelmResult>();

beforeAll(async () => {
  const cases: [string, string[]][] = [
    ['(defaults)', []],
    ...scenarioNames().map((name): [string, string[]] => [name, ['--values', scenarioFile(name)]]),
  ];
  await Promise.all(
    cases.map(async ([label, extra]) => {
      runs.set(label, await helm(['lint', '--strict', CHART_DIR, ...extra]));
    }),
  );
}, 60_000);

describe('helm lint --strict', () => {
  it.each(['(defaults)', ...scenarioNames()])('passes with %s', (label) => {
    const result = runs.get(label);
    expect(result?.stderr ?? 'not run').toBe('');
    expect(result?.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result?.code).toBe(0);
  });
});
