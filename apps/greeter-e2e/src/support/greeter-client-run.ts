import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { ClientResult } from '@grpc-greeter/greeter-process';
import { spawnApp } from '@grpc-greeter/testing';

// A run that outlives this is stuck, not slow: fail it instead of hanging the suite.
const CLIENT_TIMEOUT_MS = 45_000;

export type { ClientResult };

export interface ClientRun {
  child: ChildProcessWithoutNullStreams;
  /** Resolves when the client exited, with its exit code and parsed `--json` result. */
  finished: Promise<{ code: number | null; result: ClientResult; stderr: string }>;
}

/** Starts the built greeter-client with `--json` plus `args`, without waiting for it. */
export function startGreeterClient(args: string[]): ClientRun {
  const child = spawnApp('greeter-client', ['--json', ...args]);
  const timer = setTimeout(() => child.kill('SIGKILL'), CLIENT_TIMEOUT_MS);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<{ code: number | null; result: ClientResult; stderr: string }>(
    (resolve, reject) => {
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        try {
          resolve({ code, result: JSON.parse(stdout) as ClientResult, stderr });
        } catch {
          reject(new Error(`greeter-client ended (${signal ?? code}) without a result: ${stderr}`));
        }
      });
    },
  );
  // A run the test abandons (it failed first; afterEach kills the client) must not surface later
  // as an unhandled rejection; awaiting `finished` still sees the error.
  finished.catch(() => undefined);
  return { child, finished };
}

/** The first few "could not greet" lines, to show in a failed assertion. */
export function failureLines(stderr: string, max = 5): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.includes('could not greet'))
    .slice(0, max);
}
