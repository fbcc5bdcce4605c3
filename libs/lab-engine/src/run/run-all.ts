import seedrandom from 'seedrandom';
import { parseGoDuration } from '@grpc-greeter/cli-kit';
import { flagValue } from '@grpc-greeter/manifests';
import type { LabInput } from '../inputs/load-input';
import type { ProcessRegistry } from '@grpc-greeter/greeter-process';
import { podHostsFor } from '../cluster/pod-hosts';
import { PodPool } from '../cluster/pods';
import type { WiringOptions } from '../paths/wiring';
import { runPhases } from './run-phases';
import { runScenario, type ScenarioRun } from './run-scenario';

function pacedMs(input: LabInput): number {
  const interval = flagValue(input.world.client.args, 'interval');
  const calls = input.phases?.reduce((sum, p) => sum + p.calls, 0) ?? input.world.client.repeat;
  return (interval ? parseGoDuration(interval) : 0) * calls;
}

/** Runs inputs at most `parallel` at a time, keeping the input order in the result. */
export async function runAll(
  inputs: readonly LabInput[],
  options: {
    registry: ProcessRegistry;
    /** Each run's ClusterIP gets its own stream, so parallel runs don't disturb a replay. */
    seed?: string;
    parallel: number;
    repeat?: number;
    onLine?: (input: LabInput, line: string) => void;
  } & Pick<WiringOptions, 'controlPlane' | 'onProgress'>,
): Promise<ScenarioRun[]> {
  const runs: ScenarioRun[] = new Array(inputs.length);
  // Longest first (paced runs such as max-connection-age), so the others fill the remaining lanes.
  const queue = inputs
    .map((input, index) => ({ input, index }))
    .sort((a, b) => pacedMs(b.input) - pacedMs(a.input));
  const onLine = options.onLine;
  // One address source for every run: with Istio, no two pods of the table share an address.
  const hosts = podHostsFor(options.controlPlane);
  const pool = new PodPool(options.registry, hosts);
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const { input, index } = item;
      const runOptions = {
        registry: options.registry,
        random:
          options.seed === undefined ? undefined : seedrandom(`${options.seed}/${input.name}`),
        repeat: options.repeat,
        onLine: onLine && ((line: string) => onLine(input, line)),
        controlPlane: options.controlPlane,
        onProgress: options.onProgress,
        hosts,
      };
      // A phased run changes its pods, so it gets its own; steady ones may share.
      runs[index] = input.phases
        ? await runPhases(input, input.phases, runOptions)
        : await runScenario(input, await pool.podsFor(input.world), runOptions);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.parallel, inputs.length) }, worker));
  } finally {
    await pool.stopAll();
  }
  return runs;
}
