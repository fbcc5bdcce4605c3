/** One line that says what `up` is doing: rewritten in place on a terminal, plain lines otherwise. */
export class Progress {
  private readonly started = Date.now();
  private readonly tty = process.stderr.isTTY === true;
  private shown = false;

  show(what: string): void {
    const elapsed = ((Date.now() - this.started) / 1000).toFixed(1);
    if (this.tty) process.stderr.write(`\r\x1b[2Kcluster: ${what} (${elapsed} s)`);
    else process.stderr.write(`cluster: ${what}\n`);
    this.shown = true;
  }

  done(): void {
    if (this.tty && this.shown) process.stderr.write('\r\x1b[2K');
  }
}
