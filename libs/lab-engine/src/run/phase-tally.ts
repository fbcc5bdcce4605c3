import type { PhaseExpect } from '@grpc-greeter/helm';
import type { Pod } from '../cluster/pods';
import type { LabPhase } from '../inputs/load-input';

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

type Counts = Pick<PhaseResult, 'name' | 'calls' | 'failed' | 'byHostname'>;

/**
 * Counts each call in the phase it ended in. When a phase's calls are done it tells `onPhase` the
 * next phase's index, so the run can apply that phase's world while the client keeps calling.
 */
export class PhaseTally {
  private readonly counts: Counts[] = [];
  private readonly started = new Map<number, readonly Pod[]>();

  constructor(
    private readonly phases: readonly LabPhase[],
    private readonly onPhase: (index: number) => void,
  ) {
    this.open(0);
  }

  get totalCalls(): number {
    return this.phases.reduce((sum, phase) => sum + phase.calls, 0);
  }

  /** A reply from `hostname`, or a failed call. */
  count(hostname?: string): void {
    const current = this.counts.length - 1;
    const counts = this.counts[current];
    counts.calls += 1;
    if (hostname) counts.byHostname[hostname] = (counts.byHostname[hostname] ?? 0) + 1;
    else counts.failed += 1;
    if (counts.calls >= this.phases[current].calls && current + 1 < this.phases.length) {
      this.open(current + 1);
      this.onPhase(current + 1);
    }
  }

  /** The pods a phase's world started. */
  startedIn(index: number, pods: readonly Pod[]): void {
    this.started.set(index, pods);
  }

  results(): PhaseResult[] {
    return this.counts.map((counts, i) => {
      const newPods = (this.started.get(i) ?? []).map((pod) => ({
        hostname: pod.hostname,
        calls: counts.byHostname[pod.hostname] ?? 0,
      }));
      return { ...counts, newPods, misses: judge(this.phases[i].expect, counts.failed, newPods) };
    });
  }

  private open(index: number): void {
    this.counts.push({ name: this.phases[index].name, calls: 0, failed: 0, byHostname: {} });
  }
}

function judge(
  expect: PhaseExpect | undefined,
  failed: number,
  newPods: PhaseResult['newPods'],
): string[] {
  const misses: string[] = [];
  const { newPods: want, maxFailed } = expect ?? {};
  if (want === 'idle' && newPods.some((pod) => pod.calls > 0))
    misses.push('new pods were expected idle but got calls');
  if (want === 'busy' && (newPods.length === 0 || newPods.some((p) => p.calls === 0)))
    misses.push('every new pod was expected to get calls');
  if (want === 'some' && !newPods.some((p) => p.calls > 0))
    misses.push('a new pod was expected to get calls');
  if (maxFailed !== undefined && failed > maxFailed)
    misses.push(`${failed} failed calls, at most ${maxFailed} expected`);
  return misses;
}
