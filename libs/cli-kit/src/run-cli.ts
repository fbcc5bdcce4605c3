import { UsageError } from './usage-error';

/**
 * Runs a CLI's main and turns its outcome into an exit code: usage mistakes get one line on stderr
 * and the tool's own "bad flags" code, anything unexpected one line and 1 — never a stack trace.
 */
export function runCli(
  scriptName: string,
  main: () => Promise<number>,
  exitCodes: { usage: number; unexpected?: number },
): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof UsageError) {
        process.stderr.write(`${scriptName}: ${message} (see ${scriptName} --help)\n`);
        process.exitCode = exitCodes.usage;
      } else {
        process.stderr.write(`${scriptName}: ${message}\n`);
        process.exitCode = exitCodes.unexpected ?? 1;
      }
    },
  );
}
