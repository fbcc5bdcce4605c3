import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { distMain } from './paths';
import { waitFor } from './wait-for';

export interface GreeterServerProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  address: string;
  hostname: string;
  /** Every JSON line the server printed so far. */
  events: Array<Record<string, unknown>>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the built greeter-server on 127.0.0.1 (port 0 unless given) and waits for "listening". */
export async function startGreeterServer(
  options: { hostname?: string; version?: string; args?: string[]; port?: number } = {},
): Promise<GreeterServerProcess> {
  const hostname = options.hostname ?? `test-server-${options.version ?? 'v1'}-${process.pid}`;
  const child = spawn(
    process.execPath,
    [
      distMain('greeter-server'),
      `--address=127.0.0.1:${options.port ?? 0}`,
      `--hostname=${hostname}`,
      `--service-version=${options.version ?? 'v1'}`,
      ...(options.args ?? []),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const events: Array<Record<string, unknown>> = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line));
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  await waitFor('greeter-server to listen', () => exited || events.some((e) => e.msg === 'listening'));
  const listening = events.find((e) => e.msg === 'listening');
  if (!listening) throw new Error(`greeter-server exited before listening (code ${child.exitCode})`);
  const port = Number(listening.port);
  return {
    child,
    port,
    address: `127.0.0.1:${port}`,
    hostname,
    events,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exit = once(child, 'exit');
      child.kill(signal);
      const [code] = (await exit) as [number | null];
      return code;
    },
  };
}
