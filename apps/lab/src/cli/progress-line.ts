// Redrawn once a second for the elapsed time, and after every line printed above it.
const TICK_MS = 1000;
const DEFAULT_COLUMNS = 80;

/**
 * On a terminal, the line under the table that says how far the run is: which scenarios run, how
 * many of how many are done, the time since start. Everything printed while it shows goes above it.
 */
export class ProgressLine {
  private readonly running: string[] = [];
  private done = 0;
  private total?: number;
  private stopped = false;
  private readonly ticker: NodeJS.Timeout;

  constructor(
    private readonly terminal: NodeJS.WriteStream,
    private readonly started: number,
    private what: string,
  ) {
    this.ticker = setInterval(() => this.draw(), TICK_MS).unref();
    this.draw();
  }

  /** The scenarios are read: from now on the line counts them. */
  counting(total: number): void {
    this.total = total;
    this.draw();
  }

  start(name: string): void {
    this.running.push(name);
    this.draw();
  }

  finish(name: string): void {
    this.running.splice(this.running.indexOf(name), 1);
    this.done += 1;
    this.draw();
  }

  /** Writes above the line: `write` prints whole lines, to this terminal or another stream. */
  above(write: () => void): void {
    if (this.stopped) return write();
    this.clear();
    write();
    this.draw();
  }

  /** Takes the line away for good. */
  stop(): void {
    clearInterval(this.ticker);
    if (!this.stopped) this.clear();
    this.stopped = true;
  }

  private clear(): void {
    this.terminal.cursorTo(0);
    this.terminal.clearLine(0);
  }

  private draw(): void {
    if (this.stopped) return;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(0);
    const text =
      this.total === undefined
        ? `${this.what} · ${seconds}s`
        : `running ${this.running.join(', ') || '…'} · ${this.done} of ${this.total} done · ${seconds}s`;
    this.clear();
    // One line only: a wrapped one could not be rewritten in place. (A terminal that does not say
    // its width, as under `script`, has 0 columns.)
    this.terminal.write(text.slice(0, (this.terminal.columns || DEFAULT_COLUMNS) - 1));
  }
}
