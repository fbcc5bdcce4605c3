// The real helm binary as a child process. Found via HELM_BIN, then PATH, then the Go bin folder
// (where `go install helm.sh/helm/v3/cmd/helm@…` puts it), read from the environment rather than by
// running `go env`, so a lab start does not pay for a Go process.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function candidates(env: NodeJS.ProcessEnv): string[] {
  const onPath = (env['PATH'] ?? '').split(delimiter).filter(Boolean);
  const goBin =
    env['GOBIN'] || join(env['GOPATH']?.split(delimiter)[0] || join(homedir(), 'go'), 'bin');
  return [...onPath, goBin].map((dir) => join(dir, 'helm'));
}

/** The helm binary, or undefined when there is none. Throws when HELM_BIN names a non-executable. */
export function findHelm(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env['HELM_BIN'];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`HELM_BIN=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  return candidates(env).find(isExecutable);
}

/** What to do when there is no helm: one line, said by the lab and the chart tests alike. */
export const HELM_MISSING =
  'helm not found: set HELM_BIN, put helm on PATH, or run ' +
  '`go install helm.sh/helm/v3/cmd/helm@v3.22.0` (see charts/grpc-greeter/README.md)';

/** Runs helm; never throws on a non-zero exit (a refused render is an answer, not a crash). */
export function helm(args: readonly string[], options: { cwd?: string; bin?: string } = {}) {
  const bin = options.bin ?? findHelm();
  if (!bin) {
    return Promise.reject(new Error(HELM_MISSING));
  }
  return new Promise<HelmResult>((resolve, reject) => {
    execFile(
      bin,
      [...args],
      { cwd: options.cwd, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** helm's own one-line error (`Error: execution error at (…): <message>`), as it printed it. */
export function helmError(result: HelmResult): string {
  const lines = result.stderr.split('\n').map((line) => line.trim());
  return lines.find((line) => line.startsWith('Error:')) ?? lines.filter(Boolean).at(-1) ?? '';
}
