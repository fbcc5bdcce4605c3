import seedrandom from 'seedrandom';
import type { ReplyLine } from '@grpc-greeter/greeter-process';
import { ClusterPool } from '../cluster/cluster-pool';
import type { LabCluster } from '../cluster/lab-cluster';
import type { LabInput } from '../inputs/load-input';
import { podHostsFor } from '../paths/wiring';
import { nextToStart } from './start-order';
import { runScenario, type ScenarioOptions, type ScenarioRun } from './run-scenario';

/**
 * Scenarios run at the same time by default. Most of a run is waiting (paced calls, drains, injected
 * delays), so lanes beyond the cores still shorten the table: on 2 cores, 22 scenarios took 23.4 s
 * at 3, 19.0 s at 4, 16.1 s at 6 and 16.3 s at 8 (`npm run bench -- --only lab-table` measures it).
 */
export const DEFAULT_PARALLEL = 6;

export interface RunAllOptions extends Omit<ScenarioOptions, 'random' | 'onReply'> {
  /** Each run's ClusterIP gets its own stream, so parallel runs don't disturb a replay. */
  seed?: string;
  /** Scenarios run at the same time. */
  parallel: number;
  /** The first rows, the ones a reader waits for (the tutorial's steps): they start in input order. */
  inOrder?: number;
  onReply?: (input: LabInput, reply: ReplyLine) => void;
  /** A scenario began (its pods start). */
  onStart?: (input: LabInput, index: number) => void;
  /** A scenario is done: told as each one finishes, whatever the order. */
  onDone?: (run: ScenarioRun, index: number) => void;
}

/**
 * Runs the inputs at most `parallel` at a time, in the order of `nextToStart`, and resolves with
 * their runs in input order. Lanes beyond the first `inOrder` inputs join once the first run is
 * done: on two cores, six runs starting at once pushed the first row from 1.5 s to 2.4 s.
 */
export async function runAll(
  inputs: readonly LabInput[],
  options: RunAllOptions,
): Promise<ScenarioRun[]> {
  const runs: ScenarioRun[] = new Array(inputs.length);
  const waiting = inputs.map((input, index) => ({ input, index }));
  // One address source for every run: with Istio, no two pods of the table share an address.
  const pool = new ClusterPool(options.registry, podHostsFor(options.controlPlane));
  const inOrder = options.inOrder ?? 0;
  let firstDone!: () => void;
  const first = new Promise<void>((resolve) => (firstDone = resolve));
  const lane = async (_: unknown, laneIndex: number) => {
    if (inOrder && laneIndex >= inOrder) await first;
    while (waiting.length) {
      const { input, index } = waiting.splice(nextToStart(waiting, inOrder), 1)[0];
      options.onStart?.(input, index);
      const { onReply, seed } = options;
      let cluster: LabCluster | undefined;
      try {
        cluster = input.phases ? pool.own() : await pool.sharedFor(input.world);
        runs[index] = await runScenario(input, cluster, {
          ...options,
          random: seed === undefined ? undefined : seedrandom(`${seed}/${input.name}`),
          onReply: onReply && ((reply) => onReply(input, reply)),
        });
      } finally {
        if (input.phases) await cluster?.discard();
        if (index === 0) firstDone();
      }
      options.onDone?.(runs[index], index);
    }
  };
  const lanes = Math.min(options.parallel, inputs.length);
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await pool.discardAll();
  }
  return runs;
}
