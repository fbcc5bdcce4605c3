import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpuByKind, processKind, sampleProcessTree } from './process-cpu';

// Spins for 0.4 CPU s, then idles a while so a sample sees the total before the process exits.
const SPIN_THEN_IDLE =
  'const end = process.cpuUsage().user + 400_000; while (process.cpuUsage().user < end); setTimeout(() => {}, 500);';

describe('processKind', () => {
  it.each([
    [['node', '/w/dist/apps/greeter-server/main.js', '--address=127.0.0.2:0'], 'greeter-server'],
    [
      ['node', '/w/dist/apps/greeter-client/main.js', '--address=xds:///s:8080'],
      'greeter-client (xDS)',
    ],
    [['node', '/w/dist/apps/greeter-client/main.js', '--address=127.0.0.1:80'], 'greeter-client'],
    [['/root/go/bin/helm', 'template'], 'helm'],
    [[], 'unknown'],
  ])('%j is %s', (argv, kind) => {
    expect(processKind(argv)).toBe(kind);
  });
});

describe('cpuByKind', () => {
  it('sums processes and seconds (ticks of 1/100 s) by kind, the most CPU first', () => {
    expect(
      cpuByKind([
        { kind: 'greeter-server', ticks: 20 },
        { kind: 'lab', ticks: 300 },
        { kind: 'greeter-server', ticks: 30 },
      ]),
    ).toEqual([
      { kind: 'lab', processes: 1, cpuSeconds: 3 },
      { kind: 'greeter-server', processes: 2, cpuSeconds: 0.5 },
    ]);
  });
});

describe('sampleProcessTree', () => {
  it('counts the CPU of a child and of its grandchild, and nothing outside the tree', async () => {
    const child = spawn(process.execPath, [
      '-e',
      `${SPIN_THEN_IDLE} require('node:child_process').execFileSync(process.execPath, ['-e', ${JSON.stringify(SPIN_THEN_IDLE)}]);`,
    ]);
    const sampler = sampleProcessTree(child.pid ?? -1, 50);
    await once(child, 'exit');
    const [node] = sampler.stop();
    expect(node.kind).toBe('node');
    expect(node.processes).toBe(2);
    expect(node.cpuSeconds).toBeGreaterThanOrEqual(0.75);
    expect(node.cpuSeconds).toBeLessThan(5);
  });
});
