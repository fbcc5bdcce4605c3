// The lab's phases files (apps/lab/phases/<scenario>.yaml): phase 1 is the scenario file as is,
// each later phase a values override that `helm template -f` merges over it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from './paths';

export const PHASES_DIR = join(REPO_ROOT, 'apps', 'lab', 'phases');

export interface Phase {
  name: string;
  calls: number;
  values?: Record<string, unknown>;
  expect?: { newPods?: 'idle' | 'busy' | 'some'; maxFailed?: number };
}

/** The scenarios that have a phases file, sorted. */
export function phasedScenarios(): string[] {
  return readdirSync(PHASES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

export function readPhases(scenario: string): Phase[] {
  const text = readFileSync(join(PHASES_DIR, `${scenario}.yaml`), 'utf8');
  return (parse(text) as { phases: Phase[] }).phases;
}

/** Each phase's override written to `dir` as a values file for `helm template -f` (none for phase 1). */
export function writeOverrides(
  dir: string,
  scenario: string,
  phases: Phase[],
): (string | undefined)[] {
  return phases.map((phase, index) => {
    if (!phase.values) return undefined;
    const file = join(dir, `${scenario}-phase-${index + 1}.yaml`);
    writeFileSync(file, stringify(phase.values));
    return file;
  });
}
