import { UsageError } from './usage-error';

export interface RunCliOptions {
  /** Exit code for command-line mistakes (Go tools differ: 2 for most, 1 for grpc_health_probe). */
  usage: number;
  unexpected?: number;
  /**
   * Exit as soon as main is done instead of waiting for the event loop to drain. For one-shot
   * clients: grpc-js-xds keeps its ADS stream and timers alive after the channel is closed.
   * (stdout/stderr writes to files and pipes are synchronous on Linux, so nothing is lost.)
   */
  exitWhenDone?: boolean;
}

/**
 * Runs a CLI's main and turns its outcome into an exit code: usage mistakes get one line on stderr
 * and the tool's own "bad flags" code, anything unexpected one line and 1 — never a stack trace.
 */
export function runCli(
  scriptName: string,
  main: () => Promise<number>,
  options: RunCliOptions,
): void {
  const finish = (code: number) => {
    process.exitCode = code;
    if (options.exitWhenDone) process.exit(code);
  };
  main().then(finish, (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError) {
      process.stderr.write(`${scriptName}: ${message} (see ${scriptName} --help)\n`);
      finish(options.usage);
    } else {
      process.stderr.write(`${scriptName}: ${message}\n`);
      finish(options.unexpected ?? 1);
    }
  });
}
