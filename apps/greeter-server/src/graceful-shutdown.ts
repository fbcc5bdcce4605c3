import type { Server } from '@grpc/grpc-js';
import { logEvent } from './log';

interface Drainable {
  server: Server;
  health: { markNotServing(): void };
}

/**
 * The shutdown Kubernetes needs: on SIGTERM the pod is removed from endpoints *asynchronously*, so we
 * first report NOT_SERVING and keep answering (old and new RPCs) for the drain period; then
 * tryShutdown sends GOAWAY and waits for in-flight RPCs; past the timeout we force-close.
 * A second signal skips straight to the forced close.
 */
export function shutdownGracefully(
  running: Drainable,
  timing: { drainMs: number; shutdownTimeoutMs: number },
): Promise<void> {
  running.health.markNotServing();
  logEvent('draining', { drainMs: timing.drainMs });
  return new Promise((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    const finish = () => {
      timers.forEach(clearTimeout);
      process.off('SIGTERM', forceClose).off('SIGINT', forceClose);
      resolve();
    };
    const forceClose = () => {
      logEvent('forced shutdown');
      running.server.forceShutdown();
      finish();
    };
    process.once('SIGTERM', forceClose).once('SIGINT', forceClose);
    timers.push(
      setTimeout(() => {
        logEvent('shutting down', { timeoutMs: timing.shutdownTimeoutMs });
        timers.push(setTimeout(forceClose, timing.shutdownTimeoutMs));
        running.server.tryShutdown(finish);
      }, timing.drainMs),
    );
  });
}
