import type { ProcessRegistry, ReplyLine } from '@grpc-greeter/greeter-process';
import type { LabWorld } from '@grpc-greeter/manifests';
import { LabCluster } from '../cluster/lab-cluster';
import type { Pod } from '../cluster/pods';
import type { LabInput } from '../inputs/load-input';
import { type ControlPlaneKind, podHostsFor } from '../paths/wiring';
import { WorldRun } from '../run/world-run';
import type { Values } from './values-change';

// Calls of the client that runs until stopped: more than anyone will watch.
const UNTIL_STOPPED = 2_000_000_000;

export interface LiveWorldOptions {
  registry: ProcessRegistry;
  controlPlane: ControlPlaneKind;
  /** The client's pause between calls. */
  intervalMs: number;
  /** Each call as it ends: its reply, or undefined for a failed one. */
  onCall(reply?: ReplyLine): void;
  /** The pods in the endpoints changed (one ready, one gone after a rollout). */
  onPods(): void;
}

/**
 * One scenario running for the live view: the engine's WorldRun on a cluster of its own, and the
 * client calling until stopped, with the rendered client's own flags (its --lb above all decides the
 * split) at the live pace; no verdict, the live view shows the split.
 */
export class LiveWorld {
  /** The values override the live changes add to the scenario file (helm -f). */
  override: Values = {};
  /** Deployment name -> restartedAt, re-applied to every render as kubectl's patch would stay. */
  readonly restarts = new Map<string, string>();
  /** The calling client's process, once spawned. */
  clientPid?: number;
  private readonly stopClient = new AbortController();

  private constructor(
    readonly input: LabInput,
    private readonly run: WorldRun,
    private readonly cluster: LabCluster,
  ) {}

  static async start(input: LabInput, options: LiveWorldOptions): Promise<LiveWorld> {
    const { registry, controlPlane, intervalMs } = options;
    const cluster = new LabCluster(registry, podHostsFor(controlPlane));
    let live: LiveWorld;
    try {
      live = new LiveWorld(input, await WorldRun.start(input.world, cluster, options), cluster);
    } catch (error) {
      await cluster.discard();
      throw error;
    }
    const stopWatching = cluster.onEndpoints(async () => options.onPods());
    live.stopClient.signal.addEventListener('abort', stopWatching);
    void live.run.call(
      {
        repeat: UNTIL_STOPPED,
        without: ['expect', 'tolerance', 'interval'],
        extra: [`--interval=${intervalMs}ms`, '--summary=false'],
      },
      {
        signal: live.stopClient.signal,
        onSpawn: (child) => (live.clientPid = child.pid),
        onReply: (reply) => options.onCall(reply),
        onFailure: () => options.onCall(),
      },
    );
    return live;
  }

  get world(): LabWorld {
    return this.run.world;
  }

  get pods(): readonly Pod[] {
    return this.run.pods;
  }

  /** Applies a changed world to the running one, as a scenario's next phase is. */
  async apply(world: LabWorld): Promise<void> {
    await this.run.apply(world);
  }

  async stop(): Promise<void> {
    this.stopClient.abort();
    await this.run.close();
    await this.cluster.discard();
  }
}
