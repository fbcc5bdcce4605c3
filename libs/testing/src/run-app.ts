import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  builtApp,
  type BuiltApp,
  runProcess,
  type ProcessResult,
} from '@grpc-greeter/greeter-process';
import { appNode } from './app-node';

/** Runs a built app to completion on the chosen Node (see appNode) and collects its output. */
export function runApp(
  app: BuiltApp,
  args: string[],
  options?: Parameters<typeof runProcess>[2],
): Promise<ProcessResult> {
  return runProcess(appNode(), [builtApp(app), ...args], options);
}

/** Starts a built app on the chosen Node without waiting for it. */
export function spawnApp(app: BuiltApp, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(appNode(), [builtApp(app), ...args]);
}
