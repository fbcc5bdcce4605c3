import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { runProcess, type ProcessResult } from '@grpc-greeter/greeter-process';
import { appNode } from './app-node';
import { distMain, type App } from './paths';

/** Runs a built app to completion on the chosen Node (see appNode) and collects its output. */
export function runApp(
  app: App,
  args: string[],
  options?: Parameters<typeof runProcess>[2],
): Promise<ProcessResult> {
  return runProcess(appNode(), [distMain(app), ...args], options);
}

/** Starts a built app on the chosen Node without waiting for it. */
export function spawnApp(app: App, args: string[]): ChildProcessWithoutNullStreams {
  return spawn(appNode(), [distMain(app), ...args]);
}
