// The `scenario:` map of a values file: the catalogue's data about a scenario (where it is installed,
// where the tutorial shows it, how the lab changes it while a client calls). The chart's templates
// read only its description; values.schema.json and values.yaml define and document every key.
import { readFileSync } from 'node:fs';
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

/** One step of a scenario that changes while one client keeps calling. */
export interface Phase {
  name: string;
  calls: number;
  /** Values merged over the scenario file (a second `helm template -f`); none in phase 1. */
  values?: Record<string, unknown>;
  expect?: PhaseExpect;
}

export interface ScenarioData {
  description?: string;
  namespace?: string;
  release?: string;
  tutorialStep?: number;
  phases?: Phase[];
}

/**
 * The file's `scenario:` map; empty when it has none or is not YAML (helm then refuses the file
 * with its own line, which is the error worth showing).
 */
export function scenarioData(valuesFile: string): ScenarioData {
  const text = readFileSync(valuesFile, 'utf8');
  try {
    return (parse(text) as { scenario?: ScenarioData } | null)?.scenario ?? {};
  } catch {
    return {};
  }
}
