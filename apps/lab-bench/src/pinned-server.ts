import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { type ProcessRegistry, waitFor } from '@grpc-greeter/greeter-process';

export interface PinnedServer {
  name: string;
  child: ChildProcess;
  address: string;
  stop(signal?: NodeJS.Signals): Promise<unknown>;
}

/**
 * Starts a server under `taskset -c cpu` from its first instruction (Go sizes GOMAXPROCS and Node
 * its V8 worker threads from the CPUs they may use) and resolves once it printed the `listening`
 * JSON line greeter-server and grpc-go-greeter both print. Later output is drained unread.
 */
export async function startPinnedServer(
  registry: ProcessRegistry,
  server: { name: string; cpu: number; command: string; args: readonly string[] },
): Promise<PinnedServer> {
  const child = spawn('taskset', ['-c', String(server.cpu), server.command, ...server.args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let port: number | undefined;
  let stdout = '';
  let stderr = '';
  const readListening = (chunk: Buffer) => {
    stdout += chunk.toString();
    const line = stdout.split('\n').find((l) => l.includes('"listening"'));
    if (!line) return;
    port = Number((JSON.parse(line) as { port: number }).port);
    child.stdout?.off('data', readListening);
    child.stdout?.resume();
  };
  child.stdout.on('data', readListening);
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('error', (error) => (stderr += error.message));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };
  registry.track({ child, stop });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  await waitFor(`${server.name} to listen`, () => port !== undefined || exited());
  if (port === undefined) {
    throw new Error(`${server.name} exited before listening: ${stderr.trim()}`);
  }
  return { name: server.name, child, address: `127.0.0.1:${port}`, stop };
}
