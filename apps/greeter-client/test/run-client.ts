import type { ClientLine, ResultLine } from '@grpc-greeter/greeter-process';
import { runApp } from '@grpc-greeter/testing';

/** Runs the built greeter-client with the given flags. */
export function runClient(args: string[]) {
  return runApp('greeter-client', args);
}

/** The tutorial's line, anchored on the whole line: `2024/02/07 14:37:14 Hello world from <pod>`. */
export const TUTORIAL_LINE = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} Hello (\S+) from (\S+)$/;

/** `--json` output: every stdout line parsed (each must be JSON). */
export function jsonLines(stdout: string): ClientLine[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as ClientLine);
}

/** `--json` output's last line, the run's result. */
export function resultLine(stdout: string): ResultLine {
  const last = jsonLines(stdout).at(-1);
  if (last?.event !== 'result') throw new Error(`no result line last in: ${stdout}`);
  return last;
}
