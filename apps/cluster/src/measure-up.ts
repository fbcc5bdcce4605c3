import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './cluster-config';

/**
 * Measures `npm run cluster -- up` to a Ready node, warm (programs built, Go cache full): the median,
 * min and max of --runs runs, each in a fresh state folder and followed by `down`. With --cold it
 * measures instead the Go build of the control plane and the node with an empty Go build cache
 * (GOCACHE in a temporary folder; the module cache is kept: downloads are not the build). With
 * --istio, `up --istio`: Istio's charts installed and istiod ready before the node.
 */
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 5) || 5;
const cluster = join(repoRoot(), 'dist/apps/cluster/main.js');
const istio = args.includes('--istio') ? ['--istio'] : [];

function seconds(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function loadAverage(): string {
  const [oneMinute = Number.NaN] = loadavg();
  return oneMinute.toFixed(2);
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (index: number) => (sorted.at(index) ?? Number.NaN).toFixed(1);
  return `${label}: median ${at(Math.floor(sorted.length / 2))} s, min ${at(0)} s, max ${at(-1)} s (${values.length} runs; load average ${loadAverage()})`;
}

function measureWarm(): void {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const state = mkdtempSync(join(tmpdir(), 'cluster-measure-'));
    const port = String(17000 + i);
    try {
      times.push(
        seconds(() =>
          execFileSync(
            process.execPath,
            [cluster, 'up', '--state-dir', state, '--port', port, ...istio],
            { stdio: 'ignore' },
          ),
        ),
      );
    } finally {
      spawnSync(process.execPath, [cluster, 'down', '--state-dir', state], { stdio: 'ignore' });
      rmSync(state, { recursive: true, force: true });
    }
  }
  const what = istio.length > 0 ? 'up --istio to a Ready node and istiod' : 'up to a Ready node';
  process.stdout.write(summary(`${what} (warm)`, times) + '\n');
}

function measureCold(): void {
  const cache = mkdtempSync(join(tmpdir(), 'gocache-'));
  const env = { ...process.env, GOCACHE: cache };
  try {
    const controlPlane = seconds(() =>
      execFileSync('./build.sh', {
        cwd: join(repoRoot(), 'apps/kube-control-plane'),
        env,
        stdio: 'ignore',
      }),
    );
    const node = seconds(() =>
      execFileSync('go', ['build', '-o', join(tmpdir(), 'kube-node-cold'), '.'], {
        cwd: join(repoRoot(), 'apps/kube-node'),
        env,
        stdio: 'ignore',
      }),
    );
    process.stdout.write(
      `cold Go build: control plane ${controlPlane.toFixed(0)} s, node ${node.toFixed(0)} s (load average ${loadAverage()})\n`,
    );
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

if (args.includes('--cold')) measureCold();
else measureWarm();
