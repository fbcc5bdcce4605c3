import type { LabWorld } from '@grpc-greeter/manifests';
import { onFileChange } from './file-changes';
import { openConnectionsTo } from './open-connections';
import type { ProcessRegistry } from '@grpc-greeter/greeter-process';
import {
  type ControlPlaneKind,
  type InputContext,
  type LabInput,
  RunningLab,
} from '@grpc-greeter/lab-engine';

function weightsText(world: LabWorld): string {
  const route = world.routes.find((r) => r.host === world.target.service.fqdn);
  return (
    route?.backends.map((b) => `${b.subset ?? b.host.split('.')[0]}=${b.weight}`).join(',') ||
    'round robin'
  );
}

export interface WatchOptions {
  registry: ProcessRegistry;
  ctx: InputContext;
  intervalMs: number;
  controlPlane: ControlPlaneKind;
  json?: boolean;
  /** Called once the lab runs (the live view attaches here). */
  onRunning?: (lab: RunningLab) => Promise<void>;
}

/**
 * The tutorial's last step, live: a client keeps calling while the input file is watched; each save
 * is read again (re-rendered by helm for a values file) and applied to the running lab (pods,
 * endpoints, routing through xDS), and every second a line shows the calls of that window
 * (`--json`: one JSON object per line). Runs until Ctrl-C.
 */
export async function watchInput(input: LabInput, options: WatchOptions): Promise<never> {
  const lab = await RunningLab.start(input, options);
  const say = (event: Record<string, unknown>, text: string) =>
    process.stdout.write(
      options.json
        ? `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`
        : `${text}\n`,
    );
  let failed = 0;
  lab.on('window', (window) => {
    failed += window.failed;
    const split = Object.keys(window.byVersion)
      .sort()
      .map((v) => `${v} ${((100 * window.byVersion[v]) / Math.max(window.calls, 1)).toFixed(0)}%`)
      .join('  ');
    const pid = lab.clientPid;
    const ports = lab.pods.map((pod) => pod.port);
    const connections = (pid === undefined ? undefined : openConnectionsTo(pid, ports)) ?? 'n/a';
    say(
      { event: 'window', ...window, failed, windowFailed: window.failed, connections },
      `last 1s: ${window.calls} calls  ${split}  failed ${failed}  connections ${connections}`,
    );
  });
  if (input.file) {
    onFileChange(input.file, () => {
      void input
        .reload()
        .then(async (next) => {
          const result = await lab.applyWorld(next);
          if (!result.ok) throw new Error(result.error);
          say(
            { event: 'pushed', weights: weightsText(next) },
            `applied routing ${weightsText(next)}`,
          );
        })
        .catch((error: Error) =>
          say(
            { event: 'rejected', error: error.message },
            `${error.message} (keeping the last good state)`,
          ),
        );
    });
  }
  await options.onRunning?.(lab);
  // Announced last: from here on, every save of the file is seen.
  say(
    {
      event: 'serving',
      weights: weightsText(input.world),
      pods: lab.pods.map((pod) => ({
        hostname: pod.hostname,
        version: pod.version,
        pid: pod.child.pid,
      })),
    },
    `watching ${input.file ?? input.name} (routing: ${weightsText(input.world)}); edit it and save, Ctrl-C to stop`,
  );
  // Until Ctrl-C: the registry's signal handler stops every child and exits.
  return new Promise<never>(() => undefined);
}
