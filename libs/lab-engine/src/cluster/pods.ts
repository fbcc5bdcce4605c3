import {
  builtApp,
  type GreeterServerProcess,
  type ProcessRegistry,
  startGreeterServer,
} from '@grpc-greeter/greeter-process';
import { type LabWorld, type ServerWorkload, selects } from '@grpc-greeter/manifests';
import { podNamer } from './pod-names';
import { type PodHosts, sharedLoopback } from './pod-hosts';

export interface Pod extends GreeterServerProcess {
  /** The pod's IP (a loopback address). */
  host: string;
  /** The pod template's labels: what Services and subsets select on. */
  labels: Readonly<Record<string, string>>;
  deployment: string;
  templateHash: string;
}

/** One pod of a workload: the real greeter-server with the container's own flags, on a loopback host. */
export async function startPod(
  workload: ServerWorkload,
  name: string,
  registry: ProcessRegistry,
  host: string,
): Promise<Pod> {
  const server = await startGreeterServer({
    main: builtApp('greeter-server'),
    host,
    hostname: name,
    version: workload.version,
    args: workload.serverArgs,
  });
  registry.track(server);
  return {
    ...server,
    host,
    labels: workload.labels,
    deployment: workload.name,
    templateHash: workload.templateHash,
  };
}

/** Every replica of a workload, named as its ReplicaSet would name them. */
export function startReplicas(
  workload: ServerWorkload,
  registry: ProcessRegistry,
  hosts: PodHosts = sharedLoopback,
): Promise<Pod[]> {
  const nextName = podNamer(workload.name, workload.templateHash);
  return Promise.all(
    Array.from({ length: workload.replicas }, () =>
      startPod(workload, nextName(), registry, hosts()),
    ),
  );
}

/** Pods the selector picks (a Service's, or a Service's plus a subset's labels). */
export function selected(pods: readonly Pod[], ...selectors: Array<Record<string, string>>): Pod[] {
  return pods.filter((pod) => selectors.every((selector) => selects(selector, pod.labels)));
}

/** Lab pods are thrown away at the end of a run: no drain, the chart's drain is for rollouts. */
export function discard(pods: readonly Pod[]): Promise<unknown> {
  return Promise.all(pods.map((pod) => pod.stop('SIGKILL')));
}

/**
 * Runs that deploy identical server workloads share their pods, as the tutorial's grpc-sidecar
 * namespace serves its round-robin, 90/10 and 0/100 steps with the same two pods. Each run's client
 * counts its own replies, so sharing changes no result.
 */
export class PodPool {
  private readonly sets = new Map<string, Promise<Pod[]>>();

  constructor(
    private readonly registry: ProcessRegistry,
    private readonly hosts: PodHosts = sharedLoopback,
  ) {}

  podsFor(world: LabWorld): Promise<Pod[]> {
    const key = JSON.stringify(world.servers.map((s) => [s.name, s.replicas, s.templateHash]));
    let pods = this.sets.get(key);
    if (!pods) {
      pods = Promise.all(
        world.servers.map((s) => startReplicas(s, this.registry, this.hosts)),
      ).then((sets) => sets.flat());
      this.sets.set(key, pods);
    }
    return pods;
  }

  async stopAll(): Promise<void> {
    const sets = await Promise.allSettled(this.sets.values());
    await discard(sets.flatMap((s) => (s.status === 'fulfilled' ? s.value : [])));
  }
}
