import seedrandom from 'seedrandom';
import type { Scenario } from '@grpc-greeter/scenario';
import type { ProcessRegistry } from './process-registry';
import { PodPool } from './pods';
import { runScenario, type ScenarioRun } from './run-scenario';

function pacedMs(scenario: Scenario): number {
  return scenario.test.intervalMs * scenario.test.repeat;
}

/** Runs scenarios at most `parallel` at a time, keeping the input order in the result. */
export async function runAll(
  scenarios: readonly Scenario[],
  options: {
    registry: ProcessRegistry;
    /** Each scenario's ClusterIP gets its own stream, so parallel runs don't disturb a replay. */
    seed?: string;
    parallel: number;
    repeat?: number;
    onLine?: (scenario: Scenario, line: string) => void;
  },
): Promise<ScenarioRun[]> {
  const runs: ScenarioRun[] = new Array(scenarios.length);
  // Longest first (paced runs such as max-connection-age), so the others fill the remaining lanes.
  const queue = scenarios
    .map((scenario, index) => ({ scenario, index }))
    .sort((a, b) => pacedMs(b.scenario) - pacedMs(a.scenario));
  const onLine = options.onLine;
  const pool = new PodPool(options.registry);
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const { scenario, index } = item;
      runs[index] = await runScenario(scenario, await pool.podsFor(scenario), {
        registry: options.registry,
        random:
          options.seed === undefined ? undefined : seedrandom(`${options.seed}/${scenario.name}`),
        repeat: options.repeat,
        onLine: onLine && ((line) => onLine(scenario, line)),
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.parallel, scenarios.length) }, worker));
  } finally {
    await pool.stopAll();
  }
  return runs;
}
