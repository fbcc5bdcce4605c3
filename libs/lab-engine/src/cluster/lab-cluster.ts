import type { ProcessRegistry } from '@grpc-greeter/greeter-process';
import type { LabWorld, ServerWorkload } from '@grpc-greeter/manifests';
import { podNamer } from './pod-names';
import { type PodHosts, sharedLoopback } from './pod-hosts';
import { type Pod, startPod } from './pods';

/**
 * How long Kubernetes takes to drop a terminating pod from the Service's endpoints (and kube-proxy
 * or the mesh to stop sending it new connections) after the pod got SIGTERM: both start at once on
 * a cluster, and the removal is the slower one. On a busy cluster this is seconds.
 */
export const ENDPOINT_REMOVAL_LAG_MS = 1000;

type EndpointsListener = (pods: readonly Pod[]) => Promise<void>;

/**
 * The lab's kubelet and Deployment controller: keeps one greeter-server process per replica of each
 * server workload, and tells its listeners whenever the set of pods in the endpoints changes.
 * A changed pod template rolls out as a Deployment does by default for small replica counts
 * (maxSurge 1, maxUnavailable 0): a new pod up and ready, then the old one terminated.
 */
export class LabCluster {
  private readonly live: Pod[] = [];
  private readonly draining = new Set<Pod>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly listeners = new Set<EndpointsListener>();
  /** When each pod was asked for: the endpoints' order, so a seeded kube-proxy replays its picks. */
  private readonly order = new Map<Pod, number>();
  private requested = 0;

  constructor(
    private readonly registry: ProcessRegistry,
    private readonly hosts: PodHosts = sharedLoopback,
  ) {}

  /** The pods in the endpoints now (ready, not yet removed), in the order they were asked for. */
  get pods(): readonly Pod[] {
    return [...this.live].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
  }

  /** Calls `listener` on every change of the endpoints; returns the function that stops it. */
  onEndpoints(listener: EndpointsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Converges on the world's workloads; resolves with the pods it started. */
  async apply(world: LabWorld): Promise<Pod[]> {
    const names = new Set(world.servers.map((s) => s.name));
    const gone = this.live.filter((pod) => !names.has(pod.deployment));
    const started = (await Promise.all(world.servers.map((s) => this.converge(s)))).flat();
    gone.forEach((pod) => this.terminate(pod));
    return started;
  }

  private async converge(server: ServerWorkload): Promise<Pod[]> {
    const mine = this.live.filter((pod) => pod.deployment === server.name);
    const current = mine.filter((pod) => pod.templateHash === server.templateHash);
    const outdated = mine.filter((pod) => pod.templateHash !== server.templateHash);
    const nextName = podNamer(server.name, server.templateHash);
    const started: Pod[] = [];
    const add = async () => {
      const asked = this.requested++;
      const pod = await startPod(server, nextName(), this.registry, this.hosts());
      this.order.set(pod, asked);
      started.push(pod);
      this.live.push(pod);
      await this.changed();
    };
    let missing = server.replicas - current.length;
    for (const old of outdated) {
      if (missing > 0) {
        await add();
        missing -= 1;
      }
      this.terminate(old);
    }
    await Promise.all(Array.from({ length: Math.max(missing, 0) }, add));
    current.slice(server.replicas).forEach((pod) => this.terminate(pod));
    return started;
  }

  private async changed(): Promise<void> {
    const pods = this.pods;
    await Promise.all([...this.listeners].map((listener) => listener(pods)));
  }

  /** SIGTERM now (the server drains as its flags say); out of the endpoints after the lag. */
  private terminate(pod: Pod): void {
    this.draining.add(pod);
    void pod.stop('SIGTERM').finally(() => this.draining.delete(pod));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.live.splice(this.live.indexOf(pod), 1);
      void this.changed();
    }, ENDPOINT_REMOVAL_LAG_MS);
    this.timers.add(timer);
  }

  /** Every pod killed at once, draining ones too: the lab throws its pods away at the end of a run. */
  async discard(): Promise<void> {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
    const pods = [...this.live.splice(0), ...this.draining];
    await Promise.all(pods.map((pod) => pod.stop('SIGKILL')));
  }
}
