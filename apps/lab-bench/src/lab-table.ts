import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { builtApp } from '@grpc-greeter/greeter-process';
import { findChartDir, listScenarios, scenarioData, scenarioFile } from '@grpc-greeter/helm';
import { DEFAULT_PARALLEL } from '@grpc-greeter/lab-engine';
import type { BenchContext } from './context';
import { figure, type Section } from './figures';
import { childrenCpuSeconds, describeMachine, loadAverage, machineBusySeconds } from './machine';
import { type KindCpu, sampleProcessTree } from './process-cpu';
import { type TableTimings, tableTimer } from './table-timings';

interface LabRun extends TableTimings {
  /** Start of `node main.js` to its "N scenario(s) in …" line, right under the table. */
  toTableMs: number;
  toExitMs: number;
  /** CPU seconds of the lab and of every process it started (helm, pods, clients). */
  cpuSeconds: number;
  /** Cores that other processes kept busy meanwhile: the machine's CPU less the run's, over its length. */
  othersCores: number;
  exitCode: number | null;
  summary: string;
  /** A sampled run's CPU by kind of process (the sampling costs CPU: never a timed run). */
  byKind?: KindCpu[];
}

/** `npm start` as a user sees it: the built lab, every scenario, from process start to the table. */
function runLab(ctx: BenchContext, sampled = false): Promise<LabRun> {
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  const busyBefore = machineBusySeconds();
  const child = spawn(process.execPath, [builtApp('lab')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  ctx.registry.trackChild(child);
  const sampler = sampled && child.pid !== undefined ? sampleProcessTree(child.pid) : undefined;
  let toTableMs = Number.NaN;
  let summary = '';
  let stderr = '';
  const timer = tableTimer();
  createInterface({ input: child.stdout }).on('line', (line) => {
    const atMs = Math.round(performance.now() - started);
    timer.line(line, atMs);
    if (/^\d+ scenario\(s\) in /.test(line)) {
      toTableMs = atMs;
      summary = line;
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const byKind = sampler?.stop();
      if (Number.isNaN(toTableMs)) {
        return reject(new Error(`the lab exited ${exitCode} without its table: ${stderr.trim()}`));
      }
      if (exitCode !== 0) ctx.progress(`  warning: the lab exited ${exitCode}: ${stderr.trim()}`);
      const toExitMs = Math.round(performance.now() - started);
      const cpuSeconds = childrenCpuSeconds() - cpuBefore;
      resolvePromise({
        ...timer.timings,
        toTableMs,
        toExitMs,
        cpuSeconds,
        othersCores: (machineBusySeconds() - busyBefore - cpuSeconds) / (toExitMs / 1000),
        exitCode,
        summary,
        byKind,
      });
    });
  });
}

// The tutorial's observations (scenario.tutorialStep): the table's first rows.
function tutorialRows(): number {
  const chart = findChartDir();
  return listScenarios(chart).filter((name) => scenarioData(scenarioFile(chart, name)).tutorialStep)
    .length;
}

const seconds = (ms: number) => ms / 1000;

export async function measureLabTable(ctx: BenchContext): Promise<Section> {
  const loadAtStart = loadAverage()[0];
  const { nproc } = describeMachine();
  const tutorial = tutorialRows();
  const raw: LabRun[] = [];
  for (let run = 1; run <= ctx.runs; run++) {
    const result = await runLab(ctx);
    raw.push(result);
    ctx.progress(
      `lab run ${run}/${ctx.runs}: first row ${seconds(result.rowsMs[0]).toFixed(2)} s, ` +
        `row ${tutorial} ${seconds(result.rowsMs[tutorial - 1]).toFixed(2)} s, table ` +
        `${seconds(result.toTableMs).toFixed(2)} s, ${result.cpuSeconds.toFixed(1)} CPU s ` +
        `(others kept ${result.othersCores.toFixed(2)} cores busy; 1-min load ${loadAverage()[0].toFixed(2)})`,
    );
  }
  // One more run, not timed: where its CPU goes, by kind of process.
  const sampled = await runLab(ctx, true);
  const byKind = (sampled.byKind ?? []).map(({ kind, processes, cpuSeconds }) =>
    figure(
      `cpu-of-${kind.replace(/\W+/g, '-')}`,
      `one sampled run: CPU of ${kind} (${processes}, ${(cpuSeconds / processes).toFixed(2)} s each)`,
      's',
      [cpuSeconds],
    ),
  );
  const timed = (id: string, label: string, ms: (run: LabRun) => number) =>
    figure(
      id,
      label,
      's',
      raw.map((run) => seconds(ms(run))),
    );
  return {
    id: 'lab-table',
    title: `lab: the built lab with default flags (every scenario of the chart, ${DEFAULT_PARALLEL} at a time)`,
    method:
      'wall-clock time from spawning node dist/apps/lab/main.js (no flags, stdout a pipe) to the ' +
      "table's header, its first row, its row of the tutorial's last step, its last row, the line " +
      'under it, and its exit; CPU: cutime + cstime of the bench around the run; others: the ' +
      "machine's busy CPU (/proc/stat) less the run's, over the run; by kind of process: one more " +
      'run, every process under the lab read from /proc every 100 ms (the last 100 ms of each unseen)',
    figures: [
      timed('to-header', "start to the table's header", (run) => run.headerMs),
      timed('first-row', 'start to the first row', (run) => run.rowsMs[0]),
      timed(
        'tutorial-rows',
        `start to row ${tutorial} (the tutorial's steps)`,
        (run) => run.rowsMs[tutorial - 1],
      ),
      timed('last-row', 'start to the last row', (run) => run.rowsMs.at(-1) ?? Number.NaN),
      timed('to-table', 'start to the line under the table', (run) => run.toTableMs),
      timed('to-exit', 'start to exit', (run) => run.toExitMs),
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
      figure(
        'others-cores',
        `cores of ${nproc} that other processes kept busy meanwhile`,
        'cores',
        raw.map((r) => r.othersCores),
      ),
      ...byKind,
    ],
    raw: [...raw, sampled],
    loadAverage: loadAtStart,
  };
}
