import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ClientResult } from '@grpc-greeter/greeter-process';
import { findHelm } from '@grpc-greeter/helm';
import { builtApp, type ProcessResult, runProcess, workspaceRoot } from '@grpc-greeter/testing';
import type { LabJsonRow } from '../src/cli/json-rows';

export interface LabRunOptions {
  timeoutMs?: number;
  /** Written to the lab's stdin (for --manifests -). */
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  /** Where the lab runs, so where it finds the chart; default: the workspace root. */
  cwd?: string;
}

/** The environment of a machine with no helm anywhere: no HELM_BIN, no helm on PATH or in Go's bin. */
export function withoutHelm(): NodeJS.ProcessEnv {
  const helm = findHelm();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GOPATH: join(workspaceRoot, 'no-such-gopath'),
    GOBIN: '',
  };
  delete env['HELM_BIN'];
  env['PATH'] = (env['PATH'] ?? '')
    .split(delimiter)
    .filter((dir) => !helm || join(dir, 'helm') !== helm)
    .join(delimiter);
  if (findHelm(env)) throw new Error('helm is still reachable from the test environment');
  return env;
}

/** A row of `lab --json` whose client printed its result, as every row the tests read has. */
export type LabRow = LabJsonRow & { client: ClientResult };

/** `lab --json`'s rows; throws when a client printed no result. */
export function labRows(stdout: string): LabRow[] {
  const rows = JSON.parse(stdout) as LabJsonRow[];
  const missing = rows.find((row) => row.client === null);
  if (missing) throw new Error(`${missing.scenario}: the client printed no result`);
  return rows as LabRow[];
}

/** Runs the built lab (from the workspace root, unless told otherwise) to completion. */
export function runLab(args: string[], options: LabRunOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtApp('lab'), ...args], {
      cwd: options.cwd ?? workspaceRoot,
      env: options.env ?? process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(options.stdin ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Starts the built lab in the background, collecting its stdout lines as they come. */
export function startLab(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
} {
  const child = spawn(process.execPath, [builtApp('lab'), ...args], { cwd: workspaceRoot });
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

/** greeter-server/greeter-client processes whose command line mentions the marker. */
export async function labChildrenMentioning(marker: string): Promise<string[]> {
  const ps = await runProcess('ps', ['-eo', 'pid,args']);
  return ps.stdout
    .split('\n')
    .filter((line) => line.includes(marker) && /dist\/apps\/greeter-(server|client)/.test(line));
}

/** consistent-hash's figure: for each pod, the x-user values it answered (a value on 2+ pods counts on each). */
export function usersPerPod(row: LabRow): Record<string, string[]> {
  const perPod: Record<string, string[]> = {};
  for (const [user, pods] of Object.entries(row.client.byHeader['x-user'] ?? {})) {
    for (const pod of Object.keys(pods)) (perPod[pod] ??= []).push(user);
  }
  return perPod;
}
