import { ProcessRegistry } from '@grpc-greeter/greeter-process';
import { firstFailures } from './support/processes';
import { callsServed, faultOneOfTwo, HOSTS } from './support/two-backends';

const CONCURRENCY = 50;
const REPEAT = 2000;
// 50 callers without pauses keep about 25 calls on each backend's connection at any instant.
const BUSY = [`--repeat=${REPEAT}`, `--concurrency=${CONCURRENCY}`];

describe('crash (SIGKILL) of one of two round_robin backends mid-run', () => {
  const registry = new ProcessRegistry();
  afterEach(() => registry.stopAll());

  // The calls on A's connection fail UNAVAILABLE; the retryPolicy sends those A had not answered
  // yet to B. Those A was answering (headers out, status not) are committed, beyond the
  // retryPolicy; the client re-calls them itself (say-hello.ts). Without that, about 1 run in 6
  // failed here.
  it('loses no call with the default retry policy, and the survivor serves the rest promptly', async () => {
    const run = await faultOneOfTwo(registry, {
      signal: 'SIGKILL',
      replace: false,
      clientArgs: BUSY,
    });

    expect({ failed: run.result.failed, failures: firstFailures(run.failures) }).toEqual({
      failed: 0,
      failures: [],
    });
    expect([run.code, run.result.ok]).toEqual([0, REPEAT]);
    expect(Object.keys(run.result.byHostname).sort()).toEqual([HOSTS.a, HOSTS.b]);
    // A died early (after ~100 of its calls), so B answered everything after that, not half of it.
    expect(callsServed(run.b, run.faultAt)).toBeGreaterThan(REPEAT / 2);
    // No call waited on the dead backend until its deadline (5 s): retries went to B at once.
    expect(run.result.latencyMs.max).toBeLessThan(2500);
  });

  it('with --retries=0 loses at most the calls that were in flight (≤ concurrency) and keeps going', async () => {
    const run = await faultOneOfTwo(registry, {
      signal: 'SIGKILL',
      replace: false,
      clientArgs: [...BUSY, '--retries=0'],
    });

    expect(run.result.failed).toBeLessThanOrEqual(CONCURRENCY);
    expect(Object.keys(run.result.errors).filter((code) => code !== 'UNAVAILABLE')).toEqual([]);
    expect(run.result.ok + run.result.failed).toBe(REPEAT);
    expect(callsServed(run.b, run.faultAt)).toBeGreaterThan(REPEAT / 2);
  });
});
