import { expectedWaitMs, nextToStart, type Paced } from './start-order';

const run = (args: string[], repeat = 200, phases?: number[]): Paced => ({
  world: { client: { args, repeat } },
  phases: phases?.map((calls) => ({ calls })),
});

describe('expectedWaitMs', () => {
  it('adds the pause between calls over every call of every phase', () => {
    expect(expectedWaitMs(run(['--interval=10ms'], 200))).toBe(2000);
    expect(expectedWaitMs(run(['--interval', '10ms'], 200, [100, 300, 300]))).toBe(7000);
  });

  it('adds the delay --expect-slow says a share of the calls gets', () => {
    expect(expectedWaitMs(run(['--expect-slow=10@200ms'], 200))).toBe(4000);
  });

  it("adds the servers' longest --reply-delay, shared by the --concurrency callers", () => {
    const slow: Paced = {
      world: {
        client: { args: ['--concurrency=4'], repeat: 24 },
        servers: [{ serverArgs: ['--reply-delay=2s'] }, { serverArgs: [] }],
      },
    };
    expect(expectedWaitMs(slow)).toBe(12_000);
  });

  it('is 0 for a run that calls as fast as it can', () => {
    expect(expectedWaitMs(run(['--repeat=200']))).toBe(0);
  });
});

describe('nextToStart', () => {
  const queue = (...runs: Paced[]) => runs.map((input, index) => ({ input, index }));
  const steady = run([]);
  const long = run(['--interval=10ms'], 200, [100, 300, 300]);
  const medium = run(['--interval=10ms'], 200);

  it('starts the rows a reader waits for in order, even when a later run is longer', () => {
    expect(nextToStart(queue(steady, steady, long), 2)).toBe(0);
  });

  it('then starts the longest wait first, the earliest row among equals', () => {
    const waiting = queue(steady, steady, medium, steady, long, medium);
    expect(nextToStart(waiting, 2)).toBe(0);
    expect(nextToStart(waiting.slice(2), 2)).toBe(2);
    expect(nextToStart(queue(steady, medium, medium).slice(1), 0)).toBe(0);
    expect(nextToStart(queue(steady, steady), 0)).toBe(0);
  });
});
