import type { GreeterClientRun, ReplyLine } from '@grpc-greeter/greeter-process';
import type { LabCluster } from '../cluster/lab-cluster';
import type { Pod } from '../cluster/pods';
import type { LabInput, LabPhase } from '../inputs/load-input';
import { type PhaseResult, PhaseTally } from './phase-tally';
import { WorldRun, type WorldRunOptions } from './world-run';

export interface ScenarioRun {
  input: LabInput;
  pods: Array<{ hostname: string; version?: string }>;
  client: GreeterClientRun;
  notes: readonly string[];
  /** A phased run's results per phase (they, not the helm test pod's --expect, are its verdict). */
  phases?: PhaseResult[];
}

export interface ScenarioOptions extends WorldRunOptions {
  /** Calls of a steady run (default: the helm test pod's --repeat). */
  repeat?: number;
  onReply?: (reply: ReplyLine) => void;
}

/** A steady scenario is a run with one phase: its world, the helm test pod's calls and --expect. */
function phasesOf(input: LabInput, repeat: number | undefined): readonly LabPhase[] {
  const calls = repeat ?? input.world.client.repeat;
  return input.phases ?? [{ name: 'steady', calls, world: input.world }];
}

/**
 * Runs a scenario on `cluster`: one client calls through every phase without stopping; when a
 * phase's calls are done, the next phase's world is applied to the running cluster (pods scaled or
 * rolled out, endpoints and routing pushed) while the calls go on, and each call is counted in the
 * phase it ended in.
 */
export async function runScenario(
  input: LabInput,
  cluster: LabCluster,
  options: ScenarioOptions,
): Promise<ScenarioRun> {
  const phases = phasesOf(input, options.repeat);
  const run = await WorldRun.start(phases[0].world, cluster, options);
  const seen = new Map<string, Pod>();
  const remember = (pods: readonly Pod[]) => pods.forEach((pod) => seen.set(pod.hostname, pod));
  remember(run.pods);
  const tally = new PhaseTally(phases, (index) => {
    void run
      .apply(phases[index].world)
      .then((started) => {
        tally.startedIn(index, started);
        remember(started);
      })
      .catch((error: Error) =>
        options.onProgress?.(`${input.name}: phase ${phases[index].name}: ${error.message}`),
      );
  });
  try {
    const client = await run.call(
      // The phases judge a phased run; the helm test pod's --expect is for phase 1's steady state.
      { repeat: tally.totalCalls, without: input.phases ? ['expect', 'tolerance'] : [] },
      {
        onReply: (reply) => {
          tally.count(reply.pod);
          options.onReply?.(reply);
        },
        onFailure: () => tally.count(),
      },
    );
    return {
      input,
      pods: [...seen.values()].map((pod) => ({ hostname: pod.hostname, version: pod.version })),
      client,
      notes: run.notes,
      phases: input.phases && tally.results(),
    };
  } finally {
    await run.close();
  }
}
