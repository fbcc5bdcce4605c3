// Adding a scenario is one values file: in a copy of the chart, a new file in scenarios/ is a
// scenario the lab offers, runs and judges by its own render's helm test pod, and its phases are
// judged by their own expectations (a wrong one fails). The lab keeps no list of its own.
import { readFileSync, writeFileSync } from 'node:fs';
import { scenarioFile } from '@grpc-greeter/helm';
import { ADDED_SCENARIO, copyWithAddedScenario, type RepositoryCopy } from '@grpc-greeter/testing';
import { labRows, runLab } from './run-lab';

const ADDED = ADDED_SCENARIO.name;
// scale-up-no-sidecar with the opposite expectation: its new pods get no call, so "busy" misses.
const WRONG = 'scale-up-no-sidecar-expects-busy';

describe('a scenario added as one values file, in a copy of the chart', () => {
  let copy: RepositoryCopy;

  beforeAll(() => {
    copy = copyWithAddedScenario();
    const idle = readFileSync(scenarioFile(copy.chart, 'scale-up-no-sidecar'), 'utf8');
    expect(idle).toContain('newPods: idle');
    writeFileSync(scenarioFile(copy.chart, WRONG), idle.replace('newPods: idle', 'newPods: busy'));
  });

  afterAll(() => copy?.dispose());

  it('is among the scenarios the lab names', async () => {
    const result = await runLab(['--scenario', 'no-such-scenario'], { cwd: copy.root });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`no such scenario (available: `);
    expect(result.stderr).toContain(ADDED);
  });

  it('runs as a row judged by its own test pod, and a phase expecting the wrong thing fails', async () => {
    const result = await runLab(['--json', '--scenario', ADDED, '--scenario', WRONG], {
      cwd: copy.root,
      timeoutMs: 90_000,
    });
    const rows = labRows(result.stdout);
    expect(rows.map((row) => [row.scenario, row.expect, row.verdict])).toEqual([
      [ADDED, ADDED_SCENARIO.expect, 'PASS'],
      [WRONG, 'one-pod', 'FAIL'],
    ]);
    expect(rows[1].phases?.[1].misses).not.toEqual([]);
    expect(result.code).toBe(1);
  }, 120_000);
});
