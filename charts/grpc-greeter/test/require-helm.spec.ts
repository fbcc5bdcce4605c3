// Without helm the chart tests stop before any test, with one line that says how to get helm.
import { join } from 'node:path';
import { runProcess, workspaceRoot } from '@grpc-greeter/testing';
import { CHART_DIR } from './support/paths';

it('without helm, the chart tests fail once, up front, with one line', async () => {
  const result = await runProcess(
    process.execPath,
    // One spec is enough to show it, and never this one: it must not start itself again.
    [
      join(workspaceRoot, 'node_modules/jest/bin/jest.js'),
      '--config',
      join(CHART_DIR, 'jest.config.js'),
      'test/lint\\.spec\\.ts$',
    ],
    { cwd: CHART_DIR, env: { ...process.env, HELM_BIN: '/nonexistent/helm' }, timeoutMs: 60_000 },
  );
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toEqual([
    expect.stringContaining('HELM_BIN=/nonexistent/helm is not an executable file'),
  ]);
  expect(result.stdout).toBe('');
}, 90_000);
