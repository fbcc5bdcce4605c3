import {
  type GreeterClientOptions,
  type GreeterClientRun,
  type ProcessRegistry,
  runGreeterClient,
} from '@grpc-greeter/greeter-process';
import type { LabWorld } from '@grpc-greeter/manifests';
import type { LabCluster } from '../cluster/lab-cluster';
import type { Pod } from '../cluster/pods';
import { wire, type Wiring, type WiringOptions } from '../paths/wiring';
import { clientArgs } from './client-args';

export interface WorldRunOptions extends WiringOptions {
  registry: ProcessRegistry;
}

/** The client's flags for one call of WorldRun.call. */
export interface ClientCall {
  repeat: number;
  /** Rendered flags left out: a run that judges (--expect) or paces (--interval) the calls itself. */
  without?: readonly string[];
  extra?: readonly string[];
}

/**
 * A world running on this machine: its pods in a LabCluster, what the world's path puts in front of
 * them, kept in step as the world or its endpoints change, and the real client calling through it.
 * A scenario's run and the live view both drive one. The cluster belongs to the caller.
 */
export class WorldRun {
  private stopListening: () => void = () => undefined;

  private constructor(
    private current: LabWorld,
    private readonly cluster: LabCluster,
    private readonly wiring: Wiring,
    private readonly registry: ProcessRegistry,
  ) {}

  static async start(
    world: LabWorld,
    cluster: LabCluster,
    options: WorldRunOptions,
  ): Promise<WorldRun> {
    await cluster.apply(world);
    const run = new WorldRun(
      world,
      cluster,
      await wire(world, cluster.pods, options),
      options.registry,
    );
    // From here on, pods that become ready or leave the endpoints reach the wiring.
    run.stopListening = cluster.onEndpoints((pods) => run.wiring.update(run.current, pods));
    return run;
  }

  get world(): LabWorld {
    return this.current;
  }

  /** The pods in the endpoints now. */
  get pods(): readonly Pod[] {
    return this.cluster.pods;
  }

  /** What the lab approximates for the world, one line each. */
  get notes(): readonly string[] {
    return this.wiring.notes;
  }

  /** Applies a new world (pods, endpoints, routing) while the client calls; resolves with the pods it started. */
  async apply(world: LabWorld): Promise<Pod[]> {
    this.current = world;
    const started = await this.cluster.apply(world);
    await this.wiring.update(world, this.cluster.pods);
    return started;
  }

  /** Runs the real greeter-client, with the rendered client's flags, against the world. */
  call(
    flags: ClientCall,
    options: Omit<GreeterClientOptions, 'env' | 'registry'> = {},
  ): Promise<GreeterClientRun> {
    const args = clientArgs(this.current, this.wiring.target, flags.repeat, flags.without);
    return runGreeterClient([...args, ...(flags.extra ?? [])], {
      ...options,
      env: this.wiring.env,
      registry: this.registry,
    });
  }

  async close(): Promise<void> {
    this.stopListening();
    await this.wiring.close();
  }
}
