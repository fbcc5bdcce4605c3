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
