import {
  builtApp,
  type GreeterServerProcess,
  type ProcessRegistry,
  startGreeterServer,
} from '@grpc-greeter/greeter-process';
import { selects, type ServerWorkload } from '@grpc-greeter/manifests';

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

/** Pods the selector picks (a Service's, or a Service's plus a subset's labels). */
export function selected(pods: readonly Pod[], ...selectors: Array<Record<string, string>>): Pod[] {
  return pods.filter((pod) => selectors.every((selector) => selects(selector, pod.labels)));
}
