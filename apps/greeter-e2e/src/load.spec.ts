import { readFileSync } from 'node:fs';
import { Fleet } from './support/fleet';

// The callers share one channel and draw calls from one counter: 10,000 calls, about 200 each.
const CALLERS = 50;
const CALLS_PER_CALLER = 200;
// Memory may settle higher after the first load (V8 grows its heaps lazily); a leak keeps growing.
const RSS_GROWTH_LIMIT = 1.3;

/** Resident set size of a process in KiB (Linux: /proc/<pid>/status). */
function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

describe('load on one greeter-server', () => {
  const fleet = new Fleet();
  afterEach(() => fleet.stopAll());

  it('answers 50 callers × 200 calls with zero errors, RSS within +30 % of after a warm-up run', async () => {
    const server = await fleet.server({ hostname: 'greeter-load-v1' });
    const load = [
      '--insecure',
      `--address=${server.address}`,
      `--concurrency=${CALLERS}`,
      `--repeat=${CALLERS * CALLS_PER_CALLER}`,
      // No line per reply: measure the server, not 10,000 writes to the client's stderr.
      '--quiet',
    ];

    const warmUp = await fleet.client(load).finished;
    expect([warmUp.code, warmUp.result.ok]).toEqual([0, CALLERS * CALLS_PER_CALLER]);
    const pid = server.child.pid ?? -1;
    const warmRss = rssKiB(pid);

    const run = await fleet.client(load).finished;
    expect(run.result.errors).toEqual({});
    expect([run.code, run.result.ok]).toEqual([0, CALLERS * CALLS_PER_CALLER]);
    expect(rssKiB(pid)).toBeLessThanOrEqual(warmRss * RSS_GROWTH_LIMIT);
  });
});
