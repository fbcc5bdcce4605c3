import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { builtApp } from '@grpc-greeter/greeter-process';
import type { BenchContext } from './context';
import { figure, type Section } from './figures';
import { childrenCpuSeconds, describeMachine, loadAverage } from './machine';

interface LabRun {
  /** Start of `node main.js` to its "N scenario(s) in …" line, right under the table. */
  toTableMs: number;
  toExitMs: number;
  /** CPU seconds of the lab and of every process it started (helm, pods, clients). */
  cpuSeconds: number;
  exitCode: number | null;
  summary: string;
}

/** `npm start` as a user sees it: the built lab, every scenario, from process start to the table. */
function runLab(ctx: BenchContext): Promise<LabRun> {
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  const child = spawn(process.execPath, [builtApp('lab')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  ctx.registry.trackChild(child);
  let toTableMs = Number.NaN;
  let summary = '';
  let stderr = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (/^\d+ scenario\(s\) in /.test(line)) {
      toTableMs = performance.now() - started;
      summary = line;
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      if (Number.isNaN(toTableMs)) {
        return reject(new Error(`the lab exited ${exitCode} without its table: ${stderr.trim()}`));
      }
      if (exitCode !== 0) ctx.progress(`  warning: the lab exited ${exitCode}: ${stderr.trim()}`);
      resolvePromise({
        toTableMs: Math.round(toTableMs),
        toExitMs: Math.round(performance.now() - started),
        cpuSeconds: childrenCpuSeconds() - cpuBefore,
        exitCode,
        summary,
      });
    });
  });
}

export async function measureLabTable(ctx: BenchContext): Promise<Section> {
  const loadAtStart = loadAverage()[0];
  const { nproc } = describeMachine();
  const raw: LabRun[] = [];
  for (let run = 1; run <= ctx.runs; run++) {
    const result = await runLab(ctx);
    raw.push(result);
    ctx.progress(
      `lab run ${run}/${ctx.runs}: table after ${(result.toTableMs / 1000).toFixed(2)} s, ` +
        `${result.cpuSeconds.toFixed(1)} CPU s`,
    );
  }
  return {
    id: 'lab-table',
    title: 'lab: the built lab with default flags (every scenario of the chart, 3 at a time)',
    method:
      'wall-clock time from spawning node dist/apps/lab/main.js (no flags) to the line it prints ' +
      'under its table, and to its exit; CPU: cutime + cstime of the bench around the run',
    figures: [
      figure(
        'to-table',
        'start to the full scenario table',
        's',
        raw.map((r) => r.toTableMs / 1000),
      ),
      figure(
        'to-exit',
        'start to exit',
        's',
        raw.map((r) => r.toExitMs / 1000),
      ),
      figure(
        'cpu',
        'CPU time of the lab and all it started',
        's',
        raw.map((r) => r.cpuSeconds),
      ),
      // The table cannot come sooner than its CPU time spread over every core.
      figure(
        'cpu-floor',
        `that CPU time over ${nproc} cores`,
        's',
        raw.map((r) => r.cpuSeconds / nproc),
      ),
    ],
    raw,
    loadAverage: loadAtStart,
  };
}
