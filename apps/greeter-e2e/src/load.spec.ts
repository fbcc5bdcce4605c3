import { readFileSync } from 'node:fs';
import { ProcessRegistry } from '@grpc-greeter/greeter-process';
import { runClient, startServer } from './support/processes';

// The callers share one channel and draw calls from one counter: 10,000 calls, about 200 each.
const CALLERS = 50;
const CALLS_PER_CALLER = 200;
// Memory may settle higher after the first loads (V8 grows its heaps lazily); a leak keeps growing.
const RSS_GROWTH_LIMIT = 1.3;
// Node 24's V8 grows the young generation over two such loads, not one (measured: +25 % RSS from
// the first to the second, under +2 % after; capping --max-semi-space-size removes the step).
const WARM_UP_RUNS = 2;

/** Resident set size of a process in KiB (Linux: /proc/<pid>/status). */
function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

describe('load on one greeter-server', () => {
  const registry = new ProcessRegistry();
  afterEach(() => registry.stopAll());

  it('answers 50 callers × 200 calls with zero errors, RSS within +30 % of after the warm-up runs', async () => {
    const server = await startServer(registry, { hostname: 'greeter-load-v1' });
    const load = [
      '--insecure',
      `--address=${server.address}`,
      `--concurrency=${CALLERS}`,
      `--repeat=${CALLERS * CALLS_PER_CALLER}`,
      // No line per reply: measure the server, not 10,000 lines of the client's output.
      '--quiet',
    ];

    for (let i = 0; i < WARM_UP_RUNS; i++) {
      const warmUp = await runClient(registry, load);
      expect([warmUp.code, warmUp.result.ok]).toEqual([0, CALLERS * CALLS_PER_CALLER]);
    }
    const pid = server.child.pid ?? -1;
    const warmRss = rssKiB(pid);

    const run = await runClient(registry, load);
    expect(run.result.errors).toEqual({});
    expect([run.code, run.result.ok]).toEqual([0, CALLERS * CALLS_PER_CALLER]);
    expect(rssKiB(pid)).toBeLessThanOrEqual(warmRss * RSS_GROWTH_LIMIT);
    // Three 10,000-call runs: about 35 s on Node 20 with the machine half busy.
  }, 120_000);
});
