import { runApp } from '@grpc-greeter/testing';

/** Runs the built greeter-client with the given flags. */
export function runClient(args: string[]) {
  return runApp('greeter-client', args);
}

/** The tutorial's line, anchored on the whole line: `2024/02/07 14:37:14 Hello world from <pod>`. */
export const TUTORIAL_LINE = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} Hello (\S+) from (\S+)$/;
