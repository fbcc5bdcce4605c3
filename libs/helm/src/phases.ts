// A scenario's phases (scenario.phases in its file): how the world changes while one client keeps
// calling. Phase 1 is the scenario file as is; each later phase is a values override merged over it
// (`helm template -f scenario.yaml -f override`), so a phase is rendered by helm like any install.
// Their shape is values.schema.json's: helm refuses a malformed list when it renders the file.
import { type Phase, scenarioData } from './scenario-data';
import { scenarioFile } from './scenarios';

/** The scenario's phases, or undefined when it has none. */
export function readPhases(chartDir: string, scenario: string): Phase[] | undefined {
  const phases = scenarioData(scenarioFile(chartDir, scenario)).phases;
  return phases?.length ? phases : undefined;
}
