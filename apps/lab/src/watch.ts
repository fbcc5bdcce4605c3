import { UsageError } from '@grpc-greeter/cli-kit';
import { loadScenario, type Scenario } from '@grpc-greeter/scenario';
import { runClient } from './client-process';
import { onFileChange } from './file-changes';
import { meshConfig, startMesh } from './mesh';
import { openConnectionsTo } from './open-connections';
import { startPods } from './pods';
import type { ProcessRegistry } from './process-registry';

const WINDOW_MS = 2000;

function weightsText(scenario: Scenario): string {
  return scenario.routing.weights.map((w) => `${w.version}=${w.weight}`).join(',') || 'round robin';
}

/**
 * The tutorial's last step, live: a client keeps calling through the lab's xDS control plane while
 * the scenario file is watched; each save is validated and pushed as a new route (weights), and every
 * two seconds a line shows the split of the calls in that window. Runs until Ctrl-C.
 * Only routing is pushed: versions and replicas stay as they were at start.
 */
export async function watchScenario(
  initial: Scenario,
  options: { registry: ProcessRegistry; intervalMs: number; json?: boolean },
): Promise<number> {
  if (initial.path !== 'mesh') {
    throw new UsageError(
      `--watch pushes routing through xDS; ${initial.name} has no mesh (mesh.sidecar or mesh.proxyless)`,
    );
  }
  const pods = await startPods(initial, options.registry);
  const versionOf = new Map(pods.map((pod) => [pod.hostname, pod.version]));
  const mesh = await startMesh(initial, pods);
  const say = (event: Record<string, unknown>, text: string) =>
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`
        : `${text}\n`,
    );

  let window: Record<string, number> = {};
  let failed = 0;
  const client = runClient(
    [
      '--insecure',
      `--address=${mesh.target}`,
      '--repeat=2000000000',
      `--interval=${options.intervalMs}ms`,
      '--summary=false',
    ],
    {
      registry: options.registry,
      env: mesh.clientEnv,
      onLine: (line) => {
        const version = versionOf.get(line.slice(line.lastIndexOf(' from ') + 6)) ?? 'unknown';
        window[version] = (window[version] ?? 0) + 1;
      },
      onOtherLine: (line) => {
        if (line.includes('could not greet')) failed += 1;
      },
    },
  );

  const ticker = setInterval(() => {
    const calls = Object.values(window).reduce((a, b) => a + b, 0);
    const split = Object.keys(window)
      .sort()
      .map((v) => `${v} ${((100 * window[v]) / Math.max(calls, 1)).toFixed(0)}%`)
      .join('  ');
    const connections = openConnectionsTo(pods.map((pod) => pod.port)) ?? 'n/a';
    say(
      { event: 'window', calls, byVersion: window, failed, connections },
      `last ${WINDOW_MS / 1000}s: ${calls} calls  ${split}  failed ${failed}  connections ${connections}`,
    );
    window = {};
  }, WINDOW_MS);

  const stopWatching = onFileChange(initial.file, () => {
    try {
      const next = loadScenario(initial.file);
      mesh.controlPlane.setSnapshot(meshConfig(next, pods));
      say(
        { event: 'pushed', weights: weightsText(next) },
        `pushed routing ${weightsText(next)} through xDS`,
      );
    } catch (error) {
      say(
        { event: 'rejected', error: (error as Error).message },
        `${(error as Error).message} (keeping the last good routing)`,
      );
    }
  });

  // Announced last: from here on, every save of the file is seen.
  say(
    {
      event: 'serving',
      weights: weightsText(initial),
      pods: pods.map((pod) => ({
        hostname: pod.hostname,
        version: pod.version,
        pid: pod.child.pid,
      })),
    },
    `watching ${initial.file} (routing: ${weightsText(initial)}); edit it and save, Ctrl-C to stop`,
  );

  const run = await client;
  clearInterval(ticker);
  stopWatching();
  await mesh.controlPlane.close();
  return run.exitCode ?? 1;
}
