import { once } from 'node:events';
import { waitFor } from '@grpc-greeter/testing';
import { startLab } from './run-lab';

/** One line of `lab --watch --json`. */
export interface WatchEvent {
  event: 'serving' | 'window' | 'pushed' | 'rejected';
  weights?: string;
  calls?: number;
  byVersion?: Record<string, number>;
  failed?: number;
  connections?: number;
  pods?: Array<{ hostname: string; version: string; pid: number }>;
  error?: string;
}

/** The built lab with `--watch --json` and `args`, its lines read as events as they come. */
export function watchLab(args: string[]) {
  const lab = startLab([...args, '--watch', '--json', '--interval=10ms']);
  const events = () => lab.lines.map((line) => JSON.parse(line) as WatchEvent);
  const count = (kind: WatchEvent['event']) => events().filter((e) => e.event === kind).length;
  const windows = () => events().filter((e) => e.event === 'window');
  return {
    child: lab.child,
    events,
    count,
    windows,
    /** Resolves with the last of the next `n` windows. */
    async nextWindows(n: number): Promise<WatchEvent> {
      const seen = windows().length;
      await waitFor(`${n} more windows`, () => windows().length >= seen + n, 15_000);
      return windows().at(-1) as WatchEvent;
    },
    /**
     * The next full window that holds calls. On a CI machine running other suites, the client can
     * be starved for a whole second; an empty window says nothing about where calls go.
     */
    async nextWindowWithCalls(): Promise<WatchEvent> {
      const seen = windows().length;
      const later = () =>
        windows()
          .slice(seen)
          .find((w) => (w.calls ?? 0) > 0);
      await waitFor('a window with calls', () => later() !== undefined, 15_000);
      return later() as WatchEvent;
    },
    /** Ctrl-C, as a user stops it; resolves with its exit code. */
    async stop(): Promise<number | null> {
      if (lab.child.exitCode !== null) return lab.child.exitCode;
      const exited = once(lab.child, 'exit');
      lab.child.kill('SIGINT');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
