import type { ChildProcess } from 'node:child_process';

interface Stoppable {
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<unknown>;
}

/**
 * Every child a run starts (the lab's pods and clients, the bench's servers, a test's processes) is
 * tracked here, so Ctrl-C, an error, a failed assertion or a normal exit never leaves a stray
 * process behind.
 */
export class ProcessRegistry {
  private readonly live = new Set<Stoppable>();

  track<T extends Stoppable>(process: T): T {
    this.live.add(process);
    process.child.once('exit', () => this.live.delete(process));
    return process;
  }

  trackChild(child: ChildProcess): ChildProcess {
    return this.track({
      child,
      stop: (signal: NodeJS.Signals = 'SIGTERM') =>
        new Promise((resolve) =>
          child.exitCode !== null
            ? resolve(null)
            : (child.once('exit', resolve), child.kill(signal)),
        ),
    }).child;
  }

  /** Every process at once; SIGKILL by default: what a run started is disposable, no drain. */
  async stopAll(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await Promise.all([...this.live].map((p) => p.stop(signal)));
  }

  /** Last resort from an 'exit' handler, where nothing asynchronous runs any more. */
  killAllNow(): void {
    for (const p of this.live) p.child.kill('SIGKILL');
  }

  /** Ctrl-C or SIGTERM: stop every child, then leave with the conventional 128+n code. */
  stopChildrenOnSignals(): void {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      process.once(signal, () => {
        void this.stopAll().finally(() => process.exit(code));
      });
    }
    process.once('exit', () => this.killAllNow());
  }
}
