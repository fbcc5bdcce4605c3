import { startGreeterServer, type GreeterServerProcess } from '@grpc-greeter/testing';
import { jsonLines, resultLine, runClient, TUTORIAL_LINE } from './run-client';

describe('greeter-client against two real greeter-servers (v1, v2)', () => {
  let v1: GreeterServerProcess;
  let v2: GreeterServerProcess;
  let bothServers: string;

  beforeAll(async () => {
    [v1, v2] = await Promise.all([
      startGreeterServer({ hostname: 'istio-grpc-server-v1-546d9876c4-tndsm', version: 'v1' }),
      startGreeterServer({ hostname: 'istio-grpc-server-v2-66d9b8847-99v62', version: 'v2' }),
    ]);
    bothServers = `ipv4:127.0.0.1:${v1.port},127.0.0.1:${v2.port}`;
  });
  afterAll(async () => {
    await Promise.all([v1?.stop(), v2?.stop()]);
  });

  it('prints exactly the tutorial line for every reply, naming the pod from the hostname header', async () => {
    const result = await runClient([
      '--insecure=true',
      `--address=${v1.address}`,
      '--repeat=5',
      '--summary=false',
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line).toMatch(TUTORIAL_LINE);
      expect(line.endsWith(' Hello world from istio-grpc-server-v1-546d9876c4-tndsm')).toBe(true);
    }
  });

  it('greets the positional name and defaults --repeat to 9', async () => {
    const result = await runClient([
      '--insecure',
      '--address',
      v2.address,
      '--summary=false',
      'mesh',
    ]);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/ Hello mesh from istio-grpc-server-v2-66d9b8847-99v62$/);
  });

  it('summarises counts and percentages per version and per pod', async () => {
    const result = await runClient(['--insecure', `--address=${v2.address}`, '--repeat=4']);
    expect(result.stdout).toContain(
      `--- 4 calls to ${v2.address} (pick_first, one channel): 4 ok, 0 failed`,
    );
    expect(result.stdout).toMatch(/^v2\s+4\s+100\.0%\s+#{40}$/m);
    expect(result.stdout).toMatch(/^istio-grpc-server-v2-66d9b8847-99v62\s+4\s+100\.0%/m);
  });

  it('with --json prints JSON Lines on stdout: a reply line per call, then the result line', async () => {
    const result = await runClient([
      '--insecure',
      `--address=${v1.address}`,
      '--repeat=3',
      '--json',
    ]);
    const lines = jsonLines(result.stdout);
    expect(lines).toHaveLength(4);
    for (const line of lines.slice(0, 3)) {
      expect(line).toEqual({
        event: 'reply',
        pod: 'istio-grpc-server-v1-546d9876c4-tndsm',
        version: 'v1',
        message: 'Hello world',
        latencyMs: expect.any(Number),
      });
    }
    const doc = resultLine(result.stdout);
    expect(doc).toMatchObject({
      target: v1.address,
      requests: 3,
      ok: 3,
      failed: 0,
      byHostname: { 'istio-grpc-server-v1-546d9876c4-tndsm': 3 },
      byVersion: { v1: 3 },
      expect: null,
    });
    expect(doc.latencyMs.p50).toBeGreaterThan(0);
    expect(result.stderr).toBe('');
  });

  it('with --json --quiet prints only the result line (load mode)', async () => {
    const result = await runClient([
      '--insecure',
      `--address=${v1.address}`,
      '--repeat=3',
      '--json',
      '--quiet',
    ]);
    expect(jsonLines(result.stdout).map((line) => line.event)).toEqual(['result']);
  });

  it('pick_first keeps every call on one pod (100:0) even with both servers resolved', async () => {
    const result = await runClient([
      '--insecure',
      `--address=${bothServers}`,
      '--repeat=200',
      '--json',
      '--expect=one-pod',
    ]);
    const doc = resultLine(result.stdout);
    expect(Object.values(doc.byHostname)).toEqual([200]);
    expect(result.code).toBe(0);
  });

  it('round_robin over the same two servers splits about 50:50', async () => {
    const result = await runClient([
      '--insecure',
      `--address=${bothServers}`,
      '--lb=round_robin',
      '--repeat=200',
      '--json',
      '--expect',
      'v1=50,v2=50',
      '--tolerance=5',
    ]);
    const doc = resultLine(result.stdout);
    expect(doc.byVersion.v1 + doc.byVersion.v2).toBe(200);
    expect(Math.abs(doc.byVersion.v1 - 100)).toBeLessThanOrEqual(10);
    expect(doc.expect?.pass).toBe(true);
    expect(result.code).toBe(0);
  });

  it('--expect fails with exit 1 and a readable diff when the split is off', async () => {
    const result = await runClient([
      '--insecure',
      `--address=${v1.address}`,
      '--repeat=20',
      '--expect=v1=90,v2=10',
      '--tolerance=8',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('observed split does not match --expect v1=90,v2=10 (±8 pp)');
    expect(result.stderr).toContain('v1: expected 90%, got 100.0% (20/20), off by 10.0 pp');
    expect(result.stderr).toContain('v2: expected 10%, got 0.0% (0/20), off by 10.0 pp');
    expect(result.stdout).toContain('expect v1=90,v2=10 (±8 pp): FAILED');
  });

  it('--expect many-pods passes only when more than one pod answered', async () => {
    const one = await runClient([
      '--insecure',
      `--address=${v1.address}`,
      '--repeat=5',
      '--expect=many-pods',
    ]);
    const two = await runClient([
      '--insecure',
      `--address=${bothServers}`,
      '--lb=round_robin',
      '--repeat=20',
      '--expect=many-pods',
    ]);
    expect([one.code, two.code]).toEqual([1, 0]);
  });
});
