import type { Scenario } from '@grpc-greeter/scenario';
import type { ProcessRegistry } from './process-registry';
import { runScenario, type ScenarioRun } from './run-scenario';

/** Runs scenarios at most `parallel` at a time, keeping the input order in the result. */
export async function runAll(
  scenarios: readonly Scenario[],
  options: {
    registry: ProcessRegistry;
    parallel: number;
    repeat?: number;
    onLine?: (scenario: Scenario, line: string) => void;
  },
): Promise<ScenarioRun[]> {
  const runs: ScenarioRun[] = new Array(scenarios.length);
  let next = 0;
  const worker = async () => {
    while (next < scenarios.length) {
      const index = next++;
      const scenario = scenarios[index];
      runs[index] = await runScenario(scenario, {
        registry: options.registry,
        repeat: options.repeat,
        onLine: options.onLine && ((line) => options.onLine!(scenario, line)),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.parallel, scenarios.length) }, worker));
  return runs;
}
