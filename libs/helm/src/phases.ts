// A scenario's phases (apps/lab/phases/<scenario>.yaml): how the world changes while one client keeps
// calling. Phase 1 is the scenario file as is; each later phase is a values override merged over it
// (`helm template -f scenario.yaml -f override`), so a phase is rendered by helm like any install.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

export interface PhaseExpect {
  /**
   * idle: the pods this phase adds get no call; busy: every one of them gets at least one; some: at
   * least one of them does (one connection after a rollout reaches one new pod).
   */
  newPods?: 'idle' | 'busy' | 'some';
  /** Most failed calls allowed in the phase. */
  maxFailed?: number;
}

export interface Phase {
  name: string;
  calls: number;
  values?: Record<string, unknown>;
  expect?: PhaseExpect;
}

export function phasesFile(chartDir: string, scenario: string): string {
  return path.join(chartDir, '..', '..', 'apps', 'lab', 'phases', `${scenario}.yaml`);
}

/** The scenario's phases, or undefined when it has none. Throws one line on a malformed file. */
export function readPhases(chartDir: string, scenario: string): Phase[] | undefined {
  const file = phasesFile(chartDir, scenario);
  if (!existsSync(file)) return undefined;
  const phases = (parse(readFileSync(file, 'utf8')) as { phases?: unknown } | null)?.phases;
  const valid =
    Array.isArray(phases) &&
    phases.length > 1 &&
    phases.every((p) => typeof p?.name === 'string' && Number.isInteger(p?.calls) && p.calls > 0);
  if (!valid)
    throw new Error(`${file}: phases must list 2+ entries, each with a name and calls > 0`);
  return phases as Phase[];
}
