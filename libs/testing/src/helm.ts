// The real helm binary, run as a child process. Found via HELM_BIN, then PATH, then
// $(go env GOPATH)/bin (where `go install helm.sh/helm/v3/cmd/helm@…` puts it).
import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

let cached: string | undefined;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function goBinHelm(): string | undefined {
  try {
    const gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8', timeout: 10_000 });
    const candidate = join(gopath.trim(), 'bin', 'helm');
    return isExecutable(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

export function findHelm(): string {
  if (cached) return cached;
  const fromEnv = process.env['HELM_BIN'];
  if (fromEnv && !isExecutable(fromEnv)) {
    throw new Error(`HELM_BIN=${fromEnv} is not an executable file`);
  }
  const onPath = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'helm'))
    .find(isExecutable);
  const found = fromEnv || onPath || goBinHelm();
  if (!found) {
    throw new Error(
      'helm not found: set HELM_BIN, put helm on PATH, or run ' +
        '`go install helm.sh/helm/v3/cmd/helm@v3.22.0` (see charts/grpc-greeter/README.md)',
    );
  }
  cached = found;
  return found;
}

/** Runs helm; never throws on a non-zero exit (failures are what some tests assert). */
export function helm(args: string[], cwd?: string): Promise<HelmResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      findHelm(),
      args,
      { cwd, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolvePromise({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}
