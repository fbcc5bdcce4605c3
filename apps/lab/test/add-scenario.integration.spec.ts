// Adding a scenario is one values file: in a copy of the chart, a new file in scenarios/ is a
// scenario the lab offers, runs and judges by its own render's helm test pod, and its phases are
// judged by their own expectations (a wrong one fails). The lab keeps no list of its own.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHART_PATH, findChartDir, scenarioFile } from '@grpc-greeter/helm';
import { workspaceRoot } from '@grpc-greeter/testing';
import { stringify } from 'yaml';
import { runLab } from './run-lab';

interface LabRow {
  scenario: string;
  expect: string | null;
  verdict: string;
  phases: Array<{ misses: string[] }> | null;
}

const ADDED = 'weighted-70-30';
// scale-up-no-sidecar with the opposite expectation: its new pods get no call, so "busy" misses.
const WRONG = 'scale-up-no-sidecar-expects-busy';

describe('a scenario added as one values file, in a copy of the chart', () => {
  let root = '';
  let chart = '';

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'lab-catalogue-'));
    chart = join(root, CHART_PATH);
    cpSync(findChartDir(workspaceRoot), chart, { recursive: true });
    writeFileSync(
      scenarioFile(chart, ADDED),
      stringify({
        scenario: {
          description: 'Istio sidecar, VirtualService weights 70/30',
          namespace: 'grpc-weighted',
          release: 'grpc-greeter',
        },
        mesh: { sidecar: true },
        routing: { enabled: true, weights: { v1: 70, v2: 30 } },
      }),
    );
    const idle = readFileSync(scenarioFile(chart, 'scale-up-no-sidecar'), 'utf8');
    expect(idle).toContain('newPods: idle');
    writeFileSync(scenarioFile(chart, WRONG), idle.replace('newPods: idle', 'newPods: busy'));
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('is among the scenarios the lab names', async () => {
    const result = await runLab(['--scenario', 'no-such-scenario'], { cwd: root });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`no such scenario (available: `);
    expect(result.stderr).toContain(ADDED);
  });

  it('runs as a row judged by its own test pod, and a phase expecting the wrong thing fails', async () => {
    const result = await runLab(['--json', '--scenario', ADDED, '--scenario', WRONG], {
      cwd: root,
      timeoutMs: 90_000,
    });
    const rows = JSON.parse(result.stdout) as LabRow[];
    expect(rows.map((row) => [row.scenario, row.expect, row.verdict])).toEqual([
      [ADDED, 'v1=70,v2=30', 'PASS'],
      [WRONG, 'one-pod', 'FAIL'],
    ]);
    expect(rows[1].phases?.[1].misses).not.toEqual([]);
    expect(result.code).toBe(1);
  }, 120_000);
});
