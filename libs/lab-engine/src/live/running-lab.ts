// The real LiveLab: one scenario running until stopped on the shared engine (a WorldRun: cluster,
// wiring and a client calling all along), and every change made the way a cluster user makes it:
// values through helm (weights, replicas), a `kubectl rollout restart` patch of the Deployment for a
// restart, each applied to the running world exactly as a scenario's next phase is.
import { EventEmitter } from 'node:events';
import type { ProcessRegistry } from '@grpc-greeter/greeter-process';
import { listScenarios } from '@grpc-greeter/helm';
import type { LabWorld } from '@grpc-greeter/manifests';
import { type InputContext, type LabInput, loadInput } from '../inputs/load-input';
import type { ControlPlaneKind } from '../paths/wiring';
import { CallWindow } from './call-window';
import type { ChangeResult, LiveLab, LiveLabEvents, LiveState } from './live-lab';
import { liveState } from './live-state';
import { LiveWorld } from './live-world';
import { mergeValues, renderChange, type Values } from './values-change';

export const WINDOW_MS = 1000;

export interface RunningLabOptions {
  registry: ProcessRegistry;
  ctx: InputContext;
  intervalMs: number;
  controlPlane: ControlPlaneKind;
}

export class RunningLab extends EventEmitter<LiveLabEvents> implements LiveLab {
  private live?: LiveWorld;
  private readonly window = new CallWindow(WINDOW_MS);
  private readonly ticker: NodeJS.Timeout;
  private changes = Promise.resolve<unknown>(undefined);

  private constructor(private readonly options: RunningLabOptions) {
    super();
    this.ticker = setInterval(() => {
      const done = this.window.close();
      if (this.live) this.emit('window', done);
    }, WINDOW_MS);
  }

  static async start(input: LabInput, options: RunningLabOptions): Promise<RunningLab> {
    const lab = new RunningLab(options);
    try {
      await lab.begin(input);
    } catch (error) {
      await lab.close();
      throw error;
    }
    return lab;
  }

  state(): LiveState {
    if (!this.live) throw new Error('the lab is not running');
    const { input, world, pods } = this.live;
    const { ctx, controlPlane } = this.options;
    return liveState(input.name, world, pods, controlPlane, listScenarios(ctx.chartDir));
  }

  /** The running world's pods, for whoever needs their ports or pids. */
  get pods() {
    return this.live?.pods ?? [];
  }

  /** The pid of the client that keeps calling, for whoever watches its connections. */
  get clientPid(): number | undefined {
    return this.live?.clientPid;
  }

  setWeights(weights: Record<string, number>): Promise<ChangeResult> {
    return this.change({ routing: { weights } });
  }

  scale(version: string, replicas: number): Promise<ChangeResult> {
    return this.change((live) => ({
      server: {
        versions: live.world.servers.map((s) => ({
          name: s.version,
          replicas: s.version === version ? replicas : s.replicas,
        })),
      },
    }));
  }

  restart(version: string): Promise<ChangeResult> {
    return this.queue(async (live) => {
      const deployment = live.world.servers.find((s) => s.version === version);
      if (!deployment) return { ok: false, error: `no server Deployment of version ${version}` };
      live.restarts.set(deployment.name, new Date().toISOString());
      return this.apply(await this.render(live, live.override));
    });
  }

  switchScenario(name: string): Promise<ChangeResult> {
    return this.queue(async () => {
      let input: LabInput;
      try {
        input = await loadInput({ kind: 'scenario', value: name }, this.options.ctx);
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
      await this.end();
      await this.begin(input);
      return { ok: true };
    });
  }

  /** Applies a world read from the input again (--watch on a saved file). */
  applyWorld(world: LabWorld): Promise<ChangeResult> {
    return this.queue(async () => this.apply(world));
  }

  async close(): Promise<void> {
    clearInterval(this.ticker);
    await this.changes.catch(() => undefined);
    await this.end();
  }

  private async begin(input: LabInput): Promise<void> {
    const { registry, controlPlane, intervalMs } = this.options;
    const live = await LiveWorld.start(input, {
      registry,
      controlPlane,
      intervalMs,
      onCall: (reply) => this.window.count(reply),
      onPods: () => this.live === live && this.emit('state', this.state()),
    });
    this.live = live;
    this.window.close();
    this.emit('state', this.state());
  }

  private async end(): Promise<void> {
    const live = this.live;
    this.live = undefined;
    await live?.stop();
  }

  private queue(change: (live: LiveWorld) => Promise<ChangeResult>): Promise<ChangeResult> {
    const next = this.changes.then(() => {
      const live = this.live;
      return live ? change(live) : { ok: false as const, error: 'the lab is not running' };
    });
    this.changes = next.catch(() => undefined);
    return next.catch((error: Error) => ({ ok: false as const, error: error.message }));
  }

  /** A values change: merged over the earlier ones, rendered by helm, applied only if helm accepts it. */
  private change(values: Values | ((live: LiveWorld) => Values)): Promise<ChangeResult> {
    return this.queue(async (live) => {
      const extra = typeof values === 'function' ? values(live) : values;
      const override = mergeValues(live.override, extra);
      const world = await this.render(live, override);
      live.override = override;
      return this.apply(world);
    });
  }

  private render(live: LiveWorld, override: Values): Promise<LabWorld> {
    return renderChange(this.options.ctx, live.input.file, override, live.restarts);
  }

  private async apply(world: LabWorld): Promise<ChangeResult> {
    const live = this.live;
    if (!live) return { ok: false, error: 'the lab is not running' };
    await live.apply(world);
    this.emit('state', this.state());
    return { ok: true };
  }
}
