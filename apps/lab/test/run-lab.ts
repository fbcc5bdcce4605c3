import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { distMain, runProcess, workspaceRoot } from '@grpc-greeter/testing';

/** Runs the built lab from the workspace root to completion. */
export function runLab(args: string[], timeoutMs = 60_000) {
  return runProcess(process.execPath, [distMain('lab'), ...args], {
    cwd: workspaceRoot,
    timeoutMs,
  });
}

/** Starts the built lab in the background, collecting its stdout lines as they come. */
export function startLab(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
} {
  const child = spawn(process.execPath, [distMain('lab'), ...args], { cwd: workspaceRoot });
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  child.stderr.resume();
  return { child, lines };
}

/** Whether a process is still in the process table. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
