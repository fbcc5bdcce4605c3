// The LiveLab that the browser test and the screenshot drive: the real lab (its modules from
// source, its real server and client processes, helm rendering every change), one scenario.
import { once } from 'node:events';
import { findChartDir } from '@grpc-greeter/helm';
import { workspaceRoot } from '@grpc-greeter/testing';
import { ProcessRegistry } from '@grpc-greeter/greeter-process';
import { inputContext, type LiveLab, loadInput, RunningLab } from '@grpc-greeter/lab-engine';

export interface RunningLabUnderTest {
  lab: LiveLab;
  stop(): Promise<void>;
}

export async function startLabUnderTest(scenario: string): Promise<RunningLabUnderTest> {
  const registry = new ProcessRegistry();
  const ctx = inputContext(findChartDir(workspaceRoot), workspaceRoot);
  const input = await loadInput({ kind: 'scenario', value: scenario }, ctx);
  const lab = await RunningLab.start(input, {
    registry,
    ctx,
    intervalMs: 10,
    controlPlane: 'builtin',
  });
  return {
    lab,
    stop: async () => {
      await lab.close();
      await registry.stopAll();
    },
  };
}

/** Resolves after the lab's next `count` windows. */
export async function nextWindows(lab: LiveLab, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await once(lab, 'window');
}
