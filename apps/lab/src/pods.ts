import { startGreeterServer, type GreeterServerProcess } from '@grpc-greeter/greeter-process';
import { formatGoDuration } from '@grpc-greeter/cli-kit';
import type { Scenario } from '@grpc-greeter/scenario';
import { builtApp } from './dist-paths';
import { podNamer } from './pod-names';
import type { ProcessRegistry } from './process-registry';

export type Pod = GreeterServerProcess;

/** The server flags the chart renders for this scenario, minus the address (the lab picks ports). */
function serverArgs(scenario: Scenario): string[] {
  // Lab pods are thrown away at the end of a run: no drain needed.
  const args = ['--drain-seconds=0', '--shutdown-timeout-seconds=1'];
  if (scenario.maxConnectionAgeMs > 0) {
    args.push(
      `--max-connection-age=${formatGoDuration(scenario.maxConnectionAgeMs)}`,
      `--max-connection-age-grace=${formatGoDuration(scenario.maxConnectionAgeGraceMs)}`,
    );
  }
  return args;
}

/** One real greeter-server process per replica of every version, named like pods. */
export async function startPods(scenario: Scenario, registry: ProcessRegistry): Promise<Pod[]> {
  const main = builtApp('greeter-server');
  const starts = scenario.versions.flatMap((version) => {
    const nextName = podNamer(`${scenario.serverName}-${version.name}`);
    return Array.from({ length: version.replicas }, () =>
      startGreeterServer({
        main,
        hostname: nextName(),
        version: version.name,
        args: serverArgs(scenario),
      }).then((pod) => registry.track(pod)),
    );
  });
  return Promise.all(starts);
}

/**
 * Scenarios that deploy the same Deployments (same versions, replicas and server flags) share one set
 * of pods, as the tutorial's grpc-sidecar namespace serves its round-robin, 90/10 and 0/100 steps
 * with the same two pods. Counting stays per scenario: each scenario's client counts its own replies.
 */
export class PodPool {
  private readonly sets = new Map<string, Promise<Pod[]>>();

  constructor(private readonly registry: ProcessRegistry) {}

  podsFor(scenario: Scenario): Promise<Pod[]> {
    const key = JSON.stringify([scenario.serverName, scenario.versions, serverArgs(scenario)]);
    let pods = this.sets.get(key);
    if (!pods) {
      pods = startPods(scenario, this.registry);
      this.sets.set(key, pods);
    }
    return pods;
  }

  async stopAll(): Promise<void> {
    const sets = await Promise.all(this.sets.values());
    await Promise.all(sets.flat().map((pod) => pod.stop()));
  }
}
