// A LiveLab that records what it is asked and answers as told, for the live view server's tests: the
// server's job is to relay requests and events. What a real lab does with them is tested on the real
// engine, with real processes (live-view.browser.spec.ts).
import { EventEmitter } from 'node:events';
import type { ChangeResult, LiveLab, LiveLabEvents, LiveState } from '@grpc-greeter/lab-engine';

// What every window says: five calls, all answered by the one v1 pod.
const WINDOW = { calls: 5, failed: 0, byPod: { 'pod-v1': 5 }, byVersion: { v1: 5 } };

export class StubLiveLab extends EventEmitter<LiveLabEvents> implements LiveLab {
  /** Every change asked for, in order: the method's name and arguments. */
  readonly requests: unknown[][] = [];
  private current: LiveState = {
    scenario: 'weighted-90-10',
    path: 'mesh',
    controlPlane: 'builtin',
    pods: [
      { hostname: 'pod-v1', version: 'v1', ready: true },
      { hostname: 'pod-v2', version: 'v2', ready: true },
    ],
    weights: { v1: 90, v2: 10 },
    replicas: { v1: 1, v2: 1 },
    scenarios: ['weighted-90-10', 'v2-only'],
  };
  private refusal?: string;
  private readonly ticker: NodeJS.Timeout;

  /** `intervalMs`: how often a window is emitted. */
  constructor(intervalMs: number) {
    super();
    this.ticker = setInterval(() => {
      this.emit('window', { time: new Date().toISOString(), intervalMs, ...WINDOW });
    }, intervalMs);
  }

  /** The next change is refused with this error (what helm would say). */
  refuseNext(error: string): void {
    this.refusal = error;
  }

  close(): void {
    clearInterval(this.ticker);
  }

  state(): LiveState {
    return structuredClone(this.current);
  }

  setWeights(weights: Record<string, number>): Promise<ChangeResult> {
    return this.answer(['setWeights', weights], () => (this.current.weights = { ...weights }));
  }

  scale(version: string, replicas: number): Promise<ChangeResult> {
    return this.answer(['scale', version, replicas]);
  }

  restart(version: string): Promise<ChangeResult> {
    return this.answer(['restart', version]);
  }

  switchScenario(name: string): Promise<ChangeResult> {
    return this.answer(['switchScenario', name], () => (this.current.scenario = name));
  }

  private async answer(request: unknown[], apply?: () => void): Promise<ChangeResult> {
    this.requests.push(request);
    const error = this.refusal;
    this.refusal = undefined;
    if (error) return { ok: false, error };
    apply?.();
    this.emit('state', this.state());
    return { ok: true };
  }
}
