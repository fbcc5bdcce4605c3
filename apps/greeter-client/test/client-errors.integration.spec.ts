import { jsonLines, runClient } from './run-client';

describe('greeter-client on bad input', () => {
  it.each([
    [['--repeat=-1'], '--repeat: must be at least 0, got -1'],
    [['--repeat=abc'], '--repeat: "abc" is not an integer'],
    [['--address='], '--address: must not be empty'],
    [['--no-such-flag'], 'Unknown argument: no-such-flag'],
    [['--timeout=5'], '--timeout: invalid duration "5"'],
    [['--insecure=maybe'], '--insecure: invalid boolean value "maybe"'],
    [['--lb=least_request'], 'Invalid values'],
    [['--expect=v1=90,v2=20'], '--expect: percentages must sum to 100, got 110'],
  ])('%j exits 2 with one clear line and no stack trace', async (args, message) => {
    const result = await runClient(['--insecure', '--address=127.0.0.1:1', ...args]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('exits 1 with the status per failed call when nothing listens, still printing the summary', async () => {
    const result = await runClient([
      '--insecure',
      '--address=127.0.0.1:1',
      '--repeat=2',
      '--timeout=2s',
      '--retries=0',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not greet: UNAVAILABLE/);
    expect(result.stdout).toContain('0 ok, 2 failed');
  });

  it('with --json tells each failed call as a failure line with its status code', async () => {
    const result = await runClient([
      '--insecure',
      '--address=127.0.0.1:1',
      '--repeat=2',
      '--timeout=2s',
      '--retries=0',
      '--json',
    ]);
    expect(result.code).toBe(1);
    const lines = jsonLines(result.stdout);
    expect(lines.map((line) => line.event)).toEqual(['failure', 'failure', 'result']);
    expect(lines[0]).toEqual({
      event: 'failure',
      code: 'UNAVAILABLE',
      message: expect.any(String),
    });
    expect(lines[2]).toMatchObject({ ok: 0, failed: 2, errors: { UNAVAILABLE: 2 } });
  });

  it('--help describes every flag and exits 0', async () => {
    const result = await runClient(['--help']);
    expect(result.code).toBe(0);
    for (const flag of [
      '--address',
      '--insecure',
      '--cert',
      '--repeat',
      '--timeout',
      '--interval',
      '--lb',
      '--expect',
      '--tolerance',
      '--json',
      '--summary',
      '--retries',
      '--concurrency',
      '--duration',
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });
});
