import { runAll } from '@grpc-greeter/lab-engine';
import { benchInput } from './bench-input';
import type { BenchContext } from './context';
import { figure, type Section } from './figures';
import { loadAverage } from './machine';

const CALLS = 2000;

/**
 * How close a 90/10 route lands to 90/10: the lab's weighted-90-10 scenario as `npm start` runs it
 * (fresh pods, mesh and client each run), with 2,000 calls; the error is |observed − 90| in
 * percentage points of the v1 share (the v2 share is off by the same amount).
 */
export async function measureSplitError(ctx: BenchContext): Promise<Section> {
  const loadAtStart = loadAverage()[0];
  const input = await benchInput('weighted-90-10');
  const [first] = input.world.routes[0].backends;
  const v1 = { version: first.subset ?? '', weight: first.weight };
  const raw: Array<{ byVersion: Record<string, number>; ok: number; failed: number }> = [];
  for (let run = 1; run <= ctx.runs; run++) {
    const [{ client }] = await runAll([input], {
      registry: ctx.registry,
      parallel: 1,
      repeat: CALLS,
    });
    if (!client.result)
      throw new Error(`weighted-90-10: no client result: ${client.stderr.trim()}`);
    const { byVersion, ok, failed } = client.result;
    raw.push({ byVersion, ok, failed });
    ctx.progress(
      `split run ${run}/${ctx.runs}: ${Object.entries(byVersion)
        .map(([version, n]) => `${version} ${n}`)
        .join(', ')} of ${ok} ok, ${failed} failed`,
    );
  }
  const errorPp = raw.map((r) =>
    Math.abs((100 * (r.byVersion[v1.version] ?? 0)) / r.ok - v1.weight),
  );
  return {
    id: 'split-error',
    title: `lab: weighted-90-10 over ${CALLS} RPCs (fresh pods, mesh and client per run)`,
    method: `runAll([weighted-90-10], repeat ${CALLS}); error = |100 * ${v1.version} / ok - ${v1.weight}|`,
    figures: [figure('error-pp', 'split error, 90/10', 'pp', errorPp)],
    raw,
    loadAverage: loadAtStart,
  };
}
