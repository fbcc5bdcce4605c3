import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { waitFor } from './wait-for';

const LISTEN_TIMEOUT_MS = 30_000;

/**
 * greeter-server's built main.js and the Node that runs it (default: this process's), or a server
 * that is its own executable and takes the same flags (grpc-go-greeter, the reference the tests
 * compare greeter-server with).
 */
export type ServerProgram =
  | { main: string; node?: string; executable?: never }
  | { executable: string; main?: never; node?: never };

export type GreeterServerOptions = ServerProgram & {
  hostname: string;
  /** Omitted: the server derives it itself (SERVICE_VERSION, then the pod name). */
  version?: string;
  /** 127.0.0.1 unless given: Istio tells pods apart by IP, so each lab pod may get its own. */
  host?: string;
  /** 0 (default) lets the OS pick; the chosen port is read from the "listening" line. */
  port?: number;
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
};

export interface GreeterServerProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  address: string;
  hostname: string;
  /** The version the server announced in its "listening" line. */
  version: string;
  /** Every JSON line the server printed so far. */
  events: Array<Record<string, unknown>>;
  /** Sends the signal and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts greeter-server on loopback and resolves once it printed its "listening" line. */
export async function startGreeterServer(
  options: GreeterServerOptions,
): Promise<GreeterServerProcess> {
  const host = options.host ?? '127.0.0.1';
  const [command, ...program] =
    options.executable === undefined
      ? [options.node ?? process.execPath, options.main]
      : [options.executable];
  const child = spawn(
    command,
    [
      ...program,
      `--address=${host}:${options.port ?? 0}`,
      `--hostname=${options.hostname}`,
      ...(options.version === undefined ? [] : [`--service-version=${options.version}`]),
      ...(options.args ?? []),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env },
  );
  const events: Array<Record<string, unknown>> = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line));
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  try {
    // Generous: a lab starting dozens of pods at once on two busy cores takes seconds per pod.
    await waitFor(
      'greeter-server to listen',
      () => exited() || events.some((e) => e.msg === 'listening'),
      LISTEN_TIMEOUT_MS,
    );
  } catch (error) {
    // Never leave a server behind that the caller has no handle on.
    child.kill('SIGKILL');
    throw error;
  }
  const listening = events.find((e) => e.msg === 'listening');
  if (!listening) throw new Error(`greeter-server exited before listening: ${stderr.trim()}`);
  const port = Number(listening.port);
  return {
    child,
    port,
    address: `${host}:${port}`,
    hostname: options.hostname,
    version: String(listening.version),
    events,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (exited()) return child.exitCode;
      const exit = once(child, 'exit');
      child.kill(signal);
      const [code] = (await exit) as [number | null];
      return code;
    },
  };
}
