// Finds the built istio-pilot (apps/istio-pilot, a Go program) and builds it on first use.
import { runProcess } from '@grpc-greeter/greeter-process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// Both the lab's bundle (dist/apps/lab/) and this file from source (libs/istio-control-plane/src/)
// sit three levels below the workspace root.
const WORKSPACE_ROOT = resolve(__dirname, '../../..');
export const ISTIO_PILOT_SOURCE = resolve(WORKSPACE_ROOT, 'apps/istio-pilot');
export const ISTIO_PILOT_BINARY = resolve(WORKSPACE_ROOT, 'dist/apps/istio-pilot/istio-pilot');

// Compiling Istio from an empty Go build cache took 22 min on a busy 2-core machine; later builds
// reuse the cache and take under a minute (mostly linking).
const BUILD_TIMEOUT_MS = 60 * 60 * 1000;

export const GO_MISSING =
  "--control-plane=istio needs Go 1.26 or newer to build Istio's control plane: " +
  'install it from https://go.dev/dl/ (or use --control-plane=builtin)';

export interface BinaryOptions {
  binary?: string;
  source?: string;
  /** The `go` command to build with (default: `go` on PATH). */
  go?: string;
  onProgress?: (line: string) => void;
}

/** The istio-pilot binary, built with `go build` if it is not there yet. */
export async function ensureIstioPilot(options: BinaryOptions = {}): Promise<string> {
  const { binary = ISTIO_PILOT_BINARY, source = ISTIO_PILOT_SOURCE, go = 'go' } = options;
  if (existsSync(binary)) return binary;
  const version = await runProcess(go, ['version']).catch(() => undefined);
  if (!version || version.code !== 0) throw new Error(GO_MISSING);
  options.onProgress?.(
    `building Istio's control plane (${source}) with ${version.stdout.trim()}: ` +
      'the first build compiles Istio (about 20 min on 2 cores), later ones take under a minute',
  );
  const build = await runProcess(go, ['build', '-o', binary, '.'], {
    cwd: source,
    timeoutMs: BUILD_TIMEOUT_MS,
  });
  if (build.code !== 0) {
    const last = build.stderr.trim().split('\n').pop() ?? `exit ${build.code}`;
    throw new Error(`go build of ${source} failed: ${last}`);
  }
  return binary;
}
