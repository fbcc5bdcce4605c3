import type { ProcessRegistry } from '@grpc-greeter/greeter-process';
import type { LabWorld } from '@grpc-greeter/manifests';
import { LabCluster } from './lab-cluster';
import type { PodHosts } from './pod-hosts';

/**
 * Steady runs that deploy identical server workloads share one cluster, as the tutorial's
 * grpc-sidecar namespace serves its round-robin, 90/10 and 0/100 steps with the same two pods. Each
 * run's client counts its own replies, so sharing changes no result. A run that changes its world
 * (phases) gets a cluster of its own.
 */
export class ClusterPool {
  private readonly clusters = new Map<string, Promise<LabCluster>>();

  constructor(
    private readonly registry: ProcessRegistry,
    private readonly hosts: PodHosts,
  ) {}

  /** The world's cluster with its pods up. */
  sharedFor(world: LabWorld): Promise<LabCluster> {
    const key = JSON.stringify(world.servers.map((s) => [s.name, s.replicas, s.templateHash]));
    let cluster = this.clusters.get(key);
    if (!cluster) {
      const fresh = this.own();
      cluster = fresh.apply(world).then(() => fresh);
      this.clusters.set(key, cluster);
    }
    return cluster;
  }

  /** A cluster for one run alone. */
  own(): LabCluster {
    return new LabCluster(this.registry, this.hosts);
  }

  async discardAll(): Promise<void> {
    const clusters = await Promise.allSettled(this.clusters.values());
    await Promise.all(clusters.map((c) => (c.status === 'fulfilled' ? c.value.discard() : null)));
  }
}
