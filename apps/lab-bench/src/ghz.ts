import { runProcess } from '@grpc-greeter/greeter-process';
import { formatGoDuration } from '@grpc-greeter/cli-kit';
import { findExecutable, goBinDir } from './toolchain';

/** The load generator both servers are measured with, installed with `go install` when missing. */
export const GHZ_MODULE = 'github.com/bojand/ghz/cmd/ghz';
export const GHZ_VERSION = 'v0.93.0';

/** What the comparison reads from one ghz run (`-O json`). */
export interface GhzResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  count: number;
  /** Calls per status other than OK. */
  errors: Record<string, number>;
}

interface GhzReport {
  rps: number;
  count: number;
  latencyDistribution: Array<{ percentage: number; latency: number }> | null;
  statusCodeDistribution: Record<string, number> | null;
}

/** ghz's JSON report → rps, p50/p99 in ms (ghz reports latencies in ns) and non-OK counts. */
export function parseGhzReport(json: string): GhzResult {
  const report = JSON.parse(json) as GhzReport;
  const percentile = (p: number) => {
    const entry = report.latencyDistribution?.find((d) => d.percentage === p);
    if (!entry) throw new Error(`ghz report has no p${p} latency (no call succeeded?)`);
    return entry.latency / 1e6;
  };
  const errors = Object.fromEntries(
    Object.entries(report.statusCodeDistribution ?? {}).filter(([code]) => code !== 'OK'),
  );
  return {
    rps: report.rps,
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    count: report.count,
    errors,
  };
}

/** ghz on PATH or in Go's bin folder, else `go install`ed at the pinned version (about 2 min). */
export async function ensureGhz(go: string, progress: (line: string) => void): Promise<string> {
  const bin = await goBinDir(go);
  const found = findExecutable('ghz', [bin]);
  if (found) return found;
  progress(`installing ghz: go install ${GHZ_MODULE}@${GHZ_VERSION} (once; about 2 minutes)`);
  const install = await runProcess(go, ['install', `${GHZ_MODULE}@${GHZ_VERSION}`], {
    timeoutMs: 15 * 60_000,
  });
  const installed = findExecutable('ghz', [bin]);
  if (install.code !== 0 || !installed) {
    throw new Error(`go install ${GHZ_MODULE}@${GHZ_VERSION} failed: ${install.stderr.trim()}`);
  }
  return installed;
}

export interface GhzLoad {
  ghz: string;
  /** The CPU ghz is pinned to (never the server's). */
  cpu: number;
  protoFile: string;
  concurrency: number;
  durationMs: number;
}

/** The ghz arguments for SayHello against `address`: one connection, `concurrency` workers. */
export function ghzArgs(load: GhzLoad, address: string): string[] {
  return [
    '--insecure',
    `--proto=${load.protoFile}`,
    '--call=helloworld.Greeter.SayHello',
    '--data={"name":"world"}',
    `--concurrency=${load.concurrency}`,
    '--connections=1',
    `--duration=${formatGoDuration(load.durationMs)}`,
    // Let the calls in flight at the end finish rather than count them as cancelled.
    '--duration-stop=wait',
    '--cpus=1',
    '--format=json',
    address,
  ];
}

export async function runGhz(load: GhzLoad, address: string): Promise<GhzResult> {
  const run = await runProcess(
    'taskset',
    ['-c', String(load.cpu), load.ghz, ...ghzArgs(load, address)],
    { timeoutMs: load.durationMs + 30_000 },
  );
  if (run.code !== 0 && !run.stdout.trim()) {
    throw new Error(`ghz against ${address} exited ${run.code}: ${run.stderr.trim()}`);
  }
  return parseGhzReport(run.stdout);
}
