import { performance } from 'node:perf_hooks';
import type { ProcessRegistry } from '@grpc-greeter/greeter-process';
import { measureClusterPush } from './cluster-push';
import type { BenchContext } from './context';
import type { Section } from './figures';
import type { BenchConfig, SectionId } from './flags';
import { startBenchServer } from './load';
import { describeMachine, loadAverage } from './machine';
import { measureLabTable } from './lab-table';
import { measureOverhead } from './overhead';
import { measurePlanePush } from './plane-push';
import type { BenchReport } from './report';
import { measureSplitError } from './split-error';
import { measureThroughput } from './throughput';
import { measureAgainstGrpcGo } from './versus-grpc-go';
import { measureWeightPush } from './weight-push';

/** Every measurement, one after the other (never two at once: they would measure each other). */
export async function runBench(
  config: BenchConfig,
  registry: ProcessRegistry,
  progress: (line: string) => void,
): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const start = loadAverage();
  const ctx: BenchContext = {
    registry,
    runs: config.runs,
    durationMs: config.durationMs,
    progress,
  };
  const sections: Section[] = [];
  const wanted = (id: SectionId) => !config.only || config.only === id;
  try {
    if (wanted('throughput') || wanted('overhead')) {
      const server = await startBenchServer(ctx);
      if (wanted('throughput')) sections.push(await measureThroughput(ctx, server));
      if (wanted('overhead')) sections.push(await measureOverhead(ctx, server));
      await server.stop();
    }
    if (wanted('vs-grpc-go')) sections.push(await measureAgainstGrpcGo(ctx));
    if (wanted('weight-push')) sections.push(await measureWeightPush(ctx));
    if (wanted('plane-push')) sections.push(await measurePlanePush(ctx));
    if (wanted('cluster-push')) sections.push(await measureClusterPush(ctx));
    if (wanted('split-error')) sections.push(await measureSplitError(ctx));
    if (wanted('lab-table')) sections.push(await measureLabTable(ctx));
  } finally {
    await registry.stopAll();
  }
  return {
    startedAt,
    durationMs: Math.round(performance.now() - started),
    machine: describeMachine(),
    loadAverage: { start, end: loadAverage() },
    options: { runs: config.runs, durationMs: config.durationMs, only: config.only },
    sections,
  };
}
