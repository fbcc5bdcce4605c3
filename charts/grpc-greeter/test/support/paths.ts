// Where things live, resolved once from this file so tests run from any working directory.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CHART_DIR = resolve(__dirname, '..', '..');
export const REPO_ROOT = resolve(CHART_DIR, '..', '..');
export const SCENARIO_DIR = join(CHART_DIR, 'scenarios');

/** The scenario files' base names (no `.yaml`), sorted. */
export function scenarioNames(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

export function scenarioFile(name: string): string {
  return join(SCENARIO_DIR, `${name}.yaml`);
}
