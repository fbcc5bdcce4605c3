import { runCli } from '@grpc-greeter/cli-kit';
import { parseServerFlags } from './flags';
import { shutdownGracefully } from './graceful-shutdown';
import { logEvent } from './log';
import { startServer } from './start-server';

async function main(): Promise<number> {
  const config = parseServerFlags(process.argv.slice(2));
  if (!config) return 0;
  const running = await startServer(config);
  // Listening before the "listening" line: whoever reads it may signal at once, and a signal with
  // no listener takes its default action (SIGTERM kills), skipping the drain. `on`, not `once`: a
  // listener removed on the first signal would leave that default in place until the drain's own.
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    process.on('SIGTERM', resolve);
    process.on('SIGINT', resolve);
  });
  logEvent('listening', {
    address: `${config.listen.host}:${running.port}`,
    port: running.port,
    hostname: config.hostname,
    version: config.serviceVersion,
    tls: Boolean(config.tls),
    maxConnectionAgeMs: config.maxConnectionAgeMs,
    accessLog: config.accessLog,
    failureRate: config.failureRate,
    replyDelayMs: config.replyDelayMs,
    keepaliveEnforcement: config.keepaliveEnforcement,
  });
  const signal = await signalled;
  logEvent('signal', { signal });
  await shutdownGracefully(running, config);
  logEvent('stopped');
  return 0;
}

runCli('greeter-server', main, { usage: 2 });
