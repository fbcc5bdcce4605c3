import { formatGoDuration } from '@grpc-greeter/cli-kit';
import {
  builtApp,
  type ClientResult,
  type GreeterServerProcess,
  runGreeterClient,
  startGreeterServer,
} from '@grpc-greeter/greeter-process';
import type { BenchContext } from './context';

/**
 * One greeter-server for the load measurements. Its per-RPC log lines are drained unread: parsing
 * thousands of JSON lines a second in this process would take CPU from the server under test on a
 * 2-core machine (the lab keeps them to count connections; the bench has no use for them).
 */
export async function startBenchServer(ctx: BenchContext): Promise<GreeterServerProcess> {
  const server = await startGreeterServer({
    main: builtApp('greeter-server'),
    hostname: 'bench-server',
    version: 'v1',
    // Thrown away at the end: no drain.
    args: ['--drain-seconds=0', '--shutdown-timeout-seconds=1'],
  });
  server.child.stdout.removeAllListeners('data');
  server.child.stdout.resume();
  return ctx.registry.track(server);
}

/** The real greeter-client in load mode: --concurrency callers on one channel for --duration. */
export async function runLoad(
  ctx: BenchContext,
  target: string,
  options: { concurrency: number; env?: NodeJS.ProcessEnv },
): Promise<ClientResult> {
  const run = await runGreeterClient(
    [
      '--insecure',
      `--address=${target}`,
      `--duration=${formatGoDuration(ctx.durationMs)}`,
      `--concurrency=${options.concurrency}`,
      '--quiet',
    ],
    { registry: ctx.registry, env: options.env },
  );
  if (!run.result) {
    throw new Error(
      `greeter-client (${target}) exited ${run.exitCode} without a result: ${run.stderr.trim()}`,
    );
  }
  if (run.result.failed > 0) {
    ctx.progress(`  warning: ${run.result.failed} failed RPCs to ${target}: ${run.stderr.trim()}`);
  }
  return run.result;
}
