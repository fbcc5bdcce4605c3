import type { LiveWindow } from './live-lab';

/** Counts the calls of one window of the live view (one second: WINDOW_MS). */
export class CallWindow {
  private window: LiveWindow;

  constructor(private readonly intervalMs: number) {
    this.window = this.empty();
  }

  /** A reply from `pod` of `version`, or a failed call. */
  count(answer?: { pod: string; version: string }): void {
    const w = this.window;
    w.calls += 1;
    if (!answer) return void (w.failed += 1);
    w.byPod[answer.pod] = (w.byPod[answer.pod] ?? 0) + 1;
    w.byVersion[answer.version] = (w.byVersion[answer.version] ?? 0) + 1;
  }

  /** The window so far, stamped now; counting starts again. */
  close(): LiveWindow {
    const done = { ...this.window, time: new Date().toISOString() };
    this.window = this.empty();
    return done;
  }

  private empty(): LiveWindow {
    return { time: '', intervalMs: this.intervalMs, calls: 0, failed: 0, byPod: {}, byVersion: {} };
  }
}
