import { withoutFlag } from '@grpc-greeter/manifests';
import { type ProcessRegistry, runClient } from '@grpc-greeter/greeter-process';
import { LabCluster } from '../cluster/lab-cluster';
import type { LabInput, LabPhase } from '../inputs/load-input';
import type { PodHosts } from '../cluster/pod-hosts';
import type { Pod } from '../cluster/pods';
import { clientArgs, type ScenarioRun } from './run-scenario';
import { wire, type Wiring, type WiringOptions } from '../paths/wiring';

export interface PhaseResult {
  name: string;
  calls: number;
  failed: number;
  byHostname: Record<string, number>;
  /** Pods this phase started (scale-up or rollout), with the calls each got in the phase. */
  newPods: Array<{ hostname: string; calls: number }>;
  /** Why the phase missed its expectation, one line each; empty = met. */
  misses: string[];
}

function judge(phase: LabPhase, result: Omit<PhaseResult, 'misses'>): string[] {
  const misses: string[] = [];
  const { newPods, maxFailed } = phase.expect ?? {};
  if (newPods === 'idle' && result.newPods.some((pod) => pod.calls > 0))
    misses.push('new pods were expected idle but got calls');
  if (
    newPods === 'busy' &&
    (result.newPods.length === 0 || result.newPods.some((p) => p.calls === 0))
  )
    misses.push('every new pod was expected to get calls');
  if (newPods === 'some' && !result.newPods.some((p) => p.calls > 0))
    misses.push('a new pod was expected to get calls');
  if (maxFailed !== undefined && result.failed > maxFailed)
    misses.push(`${result.failed} failed calls, at most ${maxFailed} expected`);
  return misses;
}

/**
 * One client calls through every phase of the scenario without stopping; when a phase's calls are
 * done, the next phase's world is applied to the running cluster (pods scaled or rolled out,
 * endpoints and routing pushed) while the calls go on, and each reply is counted in the phase it
 * arrived in.
 */
export async function runPhases(
  input: LabInput,
  phases: readonly LabPhase[],
  options: WiringOptions & {
    registry: ProcessRegistry;
    onLine?: (line: string) => void;
    hosts?: PodHosts;
  },
): Promise<ScenarioRun & { phases: PhaseResult[] }> {
  let world = phases[0].world;
  // Endpoint changes start before the wiring exists (the first pods), and go on after each phase.
  const wired: { wiring?: Wiring } = {};
  const cluster = new LabCluster(
    options.registry,
    async (pods) => wired.wiring?.update(world, pods),
    options.hosts,
  );
  const seen = new Map<string, Pod>();
  const remember = (pods: readonly Pod[]) => pods.forEach((pod) => seen.set(pod.hostname, pod));
  const empty = (phase: LabPhase) => ({
    name: phase.name,
    calls: 0,
    failed: 0,
    byHostname: {},
    newPods: [],
  });
  const results: Array<Omit<PhaseResult, 'misses'>> = [empty(phases[0])];
  remember(await cluster.apply(world));
  const wiring = await wire(world, cluster.pods, options);
  wired.wiring = wiring;
  const newPodsOf = new Map<number, Pod[]>();
  let current = 0;
  const count = (hostname?: string) => {
    const result = results[current];
    result.calls += 1;
    if (hostname) result.byHostname[hostname] = (result.byHostname[hostname] ?? 0) + 1;
    else result.failed += 1;
    if (result.calls >= phases[current].calls && current + 1 < phases.length) {
      current += 1;
      const next = phases[current];
      const index = current;
      results.push(empty(next));
      world = next.world;
      void cluster
        .apply(world)
        .then((started) => {
          newPodsOf.set(index, started);
          remember(started);
          return wiring.update(world, cluster.pods);
        })
        .catch((error: Error) => options.onLine?.(`lab: phase ${next.name}: ${error.message}`));
    }
  };
  const total = phases.reduce((sum, phase) => sum + phase.calls, 0);
  // The phases judge this run; the helm test pod's --expect is for the steady state of phase 1.
  const args = withoutFlag(
    withoutFlag(clientArgs(world, wiring.target, total), 'expect'),
    'tolerance',
  );
  try {
    const client = await runClient(args, {
      registry: options.registry,
      env: wiring.env,
      onLine: (line) => {
        count(line.slice(line.lastIndexOf(' from ') + 6));
        options.onLine?.(line);
      },
      onOtherLine: (line) => {
        if (line.includes('could not greet')) count();
      },
    });
    const phaseResults = results.map((result, i): PhaseResult => {
      const newPods = (newPodsOf.get(i) ?? []).map((pod) => ({
        hostname: pod.hostname,
        calls: result.byHostname[pod.hostname] ?? 0,
      }));
      const withPods = { ...result, newPods };
      return { ...withPods, misses: judge(phases[i], withPods) };
    });
    return {
      input,
      pods: [...seen.values()].map((pod) => ({ hostname: pod.hostname, version: pod.version })),
      client,
      notes: wiring.notes,
      phases: phaseResults,
    };
  } finally {
    await wiring.close();
    await cluster.discard();
  }
}
