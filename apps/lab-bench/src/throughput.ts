import { formatGoDuration } from '@grpc-greeter/cli-kit';
import type { ClientResult, GreeterServerProcess } from '@grpc-greeter/greeter-process';
import type { BenchContext } from './context';
import { figure, type Section } from './figures';
import { runLoad } from './load';
import { loadAverage } from './machine';

export const CONCURRENCIES = [1, 16, 64] as const;

/**
 * Unary throughput and latency of the client+server pair: our own client's load mode (`--duration`,
 * `--concurrency` callers sharing one channel) against one server on loopback, both in Node on the
 * same cores. The client saturates first, so this is the pair's limit, not the server's (the
 * grpc-go comparison measures the server alone, with ghz). Concurrencies take turns inside each
 * run, so a burst of outside load hits all of them alike.
 */
export async function measureThroughput(
  ctx: BenchContext,
  server: GreeterServerProcess,
): Promise<Section> {
  const loadAtStart = loadAverage()[0];
  // Lets the server's JIT settle so run 1 is not the slow outlier of every figure.
  await runLoad(ctx, server.address, { concurrency: 16 });
  const raw: Array<Record<string, ClientResult>> = [];
  for (let run = 1; run <= ctx.runs; run++) {
    const byConcurrency: Record<string, ClientResult> = {};
    for (const concurrency of CONCURRENCIES) {
      const result = await runLoad(ctx, server.address, { concurrency });
      byConcurrency[concurrency] = result;
      ctx.progress(
        `throughput run ${run}/${ctx.runs}, concurrency ${concurrency}: ${result.rps} rps, ` +
          `p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms`,
      );
    }
    raw.push(byConcurrency);
  }
  const series = (c: number, pick: (r: ClientResult) => number) => raw.map((r) => pick(r[c]));
  return {
    id: 'throughput',
    title: `client+server throughput: greeter-client load mode against greeter-server, ${formatGoDuration(ctx.durationMs)} per run, loopback`,
    method:
      'greeter-client --insecure --quiet --json --duration=D --concurrency=C against one ' +
      'greeter-server on 127.0.0.1; rps = requests / duration, latency percentiles over the run',
    figures: CONCURRENCIES.flatMap((c) => [
      figure(
        `c${c}.rps`,
        `concurrency ${c}: throughput`,
        'rps',
        series(c, (r) => r.rps),
      ),
      figure(
        `c${c}.p50`,
        `concurrency ${c}: p50 latency`,
        'ms',
        series(c, (r) => r.latencyMs.p50),
      ),
      figure(
        `c${c}.p99`,
        `concurrency ${c}: p99 latency`,
        'ms',
        series(c, (r) => r.latencyMs.p99),
      ),
    ]),
    raw,
    loadAverage: loadAtStart,
  };
}
