import seedrandom from 'seedrandom';
import { parseGoDuration } from '@grpc-greeter/cli-kit';
import type { ReplyLine } from '@grpc-greeter/greeter-process';
import { flagValue } from '@grpc-greeter/manifests';
import { ClusterPool } from '../cluster/cluster-pool';
import type { LabInput } from '../inputs/load-input';
import { podHostsFor } from '../paths/wiring';
import { runScenario, type ScenarioOptions, type ScenarioRun } from './run-scenario';

export interface RunAllOptions extends Omit<ScenarioOptions, 'random' | 'onReply'> {
  /** Each run's ClusterIP gets its own stream, so parallel runs don't disturb a replay. */
  seed?: string;
  /** Scenarios run at the same time. */
  parallel: number;
  onReply?: (input: LabInput, reply: ReplyLine) => void;
  /** A scenario began (its pods start). */
  onStart?: (input: LabInput, index: number) => void;
  /** A scenario is done: told as each one finishes, whatever the order. */
  onDone?: (run: ScenarioRun, index: number) => void;
}

/** How long a run's client waits between calls in all: what makes a run long, beyond start-up. */
function pacedMs(input: LabInput): number {
  const interval = flagValue(input.world.client.args, 'interval');
  const calls = input.phases?.reduce((sum, p) => sum + p.calls, 0) ?? input.world.client.repeat;
  return (interval ? parseGoDuration(interval) : 0) * calls;
}

/**
 * Runs the inputs at most `parallel` at a time and resolves with their runs in input order. The
 * table prints rows in input order, so every lane but one takes the inputs in that order (the first
 * rows come first); the other lane takes the longest-paced first, so the long runs do not all start
 * last and make the table wait.
 */
export async function runAll(
  inputs: readonly LabInput[],
  options: RunAllOptions,
): Promise<ScenarioRun[]> {
  const runs: ScenarioRun[] = new Array(inputs.length);
  const waiting = inputs.map((input, index) => ({ input, index }));
  const longest = () =>
    waiting.reduce(
      (best, item, i) => (pacedMs(item.input) > pacedMs(waiting[best].input) ? i : best),
      0,
    );
  // One address source for every run: with Istio, no two pods of the table share an address.
  const pool = new ClusterPool(options.registry, podHostsFor(options.controlPlane));
  const lane = async (takesLongest: boolean) => {
    while (waiting.length) {
      const { input, index } = waiting.splice(takesLongest ? longest() : 0, 1)[0];
      options.onStart?.(input, index);
      const { onReply, seed } = options;
      const cluster = input.phases ? pool.own() : await pool.sharedFor(input.world);
      try {
        runs[index] = await runScenario(input, cluster, {
          ...options,
          random: seed === undefined ? undefined : seedrandom(`${seed}/${input.name}`),
          onReply: onReply && ((reply) => onReply(input, reply)),
        });
      } finally {
        if (input.phases) await cluster.discard();
      }
      options.onDone?.(runs[index], index);
    }
  };
  const lanes = Math.min(options.parallel, inputs.length);
  try {
    await Promise.all(Array.from({ length: lanes }, (_, i) => lane(lanes > 1 && i === lanes - 1)));
  } finally {
    await pool.discardAll();
  }
  return runs;
}
