// The LiveLab that the browser test and the screenshot drive. For now the fake; when the real lab
// implements LiveLab, this is the one place to start it instead.
import { once } from 'node:events';
import type { LiveLab } from '../../src/live/live-lab';
import { FakeLiveLab } from './fake-live-lab';

export interface RunningLab {
  lab: LiveLab;
  stop(): Promise<void>;
}

export async function startLabUnderTest(scenario: string): Promise<RunningLab> {
  const lab = new FakeLiveLab(scenario);
  return { lab, stop: async () => lab.close() };
}

/** Resolves after the lab's next `count` windows. */
export async function nextWindows(lab: LiveLab, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await once(lab, 'window');
}
