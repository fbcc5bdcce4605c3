import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { appNode, builtApp } from '@grpc-greeter/testing';

const START_TIMEOUT_MS = 15_000;

/** The pod the tests pretend the stand-in runs in. */
export const POD = { name: 'greeter-client-7d4f-x2x9z', namespace: 'ns', ip: '127.0.0.1' };

export interface StandIn {
  child: ChildProcessWithoutNullStreams;
  /** Its "started" line: outbound, status, ready, xds, node, mode, bootstrap. */
  started: Record<string, string>;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * The built stand-in as the injected istio-proxy container: the pod's environment as Istio's
 * injection writes it, every port on 127.0.0.1:0, and (test only) the given xDS server for istiod.
 */
export async function startStandIn(
  options: { xds?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<StandIn> {
  const child = spawn(
    appNode(),
    [
      builtApp('sidecar-stand-in'),
      'proxy',
      'sidecar',
      '--domain',
      `${POD.namespace}.svc.cluster.local`,
      '--stand-in-outbound-address=127.0.0.1:0',
      '--stand-in-status-address=127.0.0.1:0',
      '--stand-in-ready-address=127.0.0.1:0',
      ...(options.xds ? [`--stand-in-xds-address=${options.xds}`] : []),
    ],
    {
      env: {
        PATH: process.env.PATH,
        POD_NAME: POD.name,
        POD_NAMESPACE: POD.namespace,
        INSTANCE_IP: POD.ip,
        PROXY_CONFIG: JSON.stringify({
          discoveryAddress: 'istiod.istio-system.svc:15012',
          terminationDrainDuration: '2s',
        }),
        ...options.env,
      },
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const started = await new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start line: ${stderr}`)), START_TIMEOUT_MS);
    lines.on('line', (line) => {
      const event = JSON.parse(line) as Record<string, string>;
      if (event.event !== 'started') return;
      clearTimeout(timer);
      resolve(event);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before starting: ${stderr}`)));
  });
  return {
    child,
    started,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}
