import { runClient } from './client-process';
import { onFileChange } from './file-changes';
import type { LabInput } from './inputs';
import { openConnectionsTo } from './open-connections';
import { discard, startReplicas } from './pods';
import type { ProcessRegistry } from './process-registry';
import { wire } from './wiring';
import type { LabWorld } from '@grpc-greeter/manifests';

const WINDOW_MS = 2000;

function weightsText(world: LabWorld): string {
  const route = world.routes.find((r) => r.host === world.target.service.fqdn);
  return (
    route?.backends.map((b) => `${b.subset ?? b.host.split('.')[0]}=${b.weight}`).join(',') ||
    'round robin'
  );
}

/**
 * The tutorial's last step, live: a client keeps calling while the input file is watched; each save
 * is read again (re-rendered by helm for a values file) and applied to the running wiring (routing
 * through xDS, endpoints), and every two seconds a line shows the split of the calls in that window.
 * Runs until Ctrl-C. Pods stay as they were at start.
 */
export async function watchInput(
  input: LabInput,
  options: { registry: ProcessRegistry; intervalMs: number; json?: boolean },
): Promise<number> {
  const pods = (
    await Promise.all(input.world.servers.map((s) => startReplicas(s, options.registry)))
  ).flat();
  const versionOf = new Map(pods.map((pod) => [pod.hostname, pod.version ?? 'unknown']));
  const wiring = await wire(input.world, pods);
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
      `--address=${wiring.target}`,
      '--repeat=2000000000',
      `--interval=${options.intervalMs}ms`,
      '--summary=false',
    ],
    {
      registry: options.registry,
      env: wiring.env,
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

  // Saves are applied one at a time, in order: a slow re-render never lets an older state win.
  let applying = Promise.resolve();
  const stopWatching = input.file
    ? onFileChange(input.file, () => {
        applying = applying.then(async () => {
          try {
            const next = await input.reload();
            await wiring.update(next, pods);
            say(
              { event: 'pushed', weights: weightsText(next) },
              `applied routing ${weightsText(next)}`,
            );
          } catch (error) {
            say(
              { event: 'rejected', error: (error as Error).message },
              `${(error as Error).message} (keeping the last good state)`,
            );
          }
        });
      })
    : () => undefined;

  // Announced last: from here on, every save of the file is seen.
  say(
    {
      event: 'serving',
      weights: weightsText(input.world),
      pods: pods.map((pod) => ({
        hostname: pod.hostname,
        version: pod.version,
        pid: pod.child.pid,
      })),
    },
    `watching ${input.file} (routing: ${weightsText(input.world)}); edit it and save, Ctrl-C to stop`,
  );

  const run = await client;
  clearInterval(ticker);
  stopWatching();
  await wiring.close();
  await discard(pods);
  return run.exitCode ?? 1;
}
