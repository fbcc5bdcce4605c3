import { execFileSync } from 'node:child_process';
import { childrenCpuSeconds, machineBusySeconds } from './machine';

// Spins for 0.4 CPU s (not wall-clock seconds: on a shared machine the two differ).
const SPIN_CPU =
  'const end = process.cpuUsage().user + 400_000; while (process.cpuUsage().user < end);';

describe('childrenCpuSeconds', () => {
  it('grows by the CPU time of a child once it has been waited for, grandchildren included', () => {
    const before = childrenCpuSeconds();
    // A child that spins 0.4 s itself and starts a grandchild spinning 0.4 s more.
    const spin = SPIN_CPU;
    execFileSync(process.execPath, [
      '-e',
      `${spin} require('node:child_process').execFileSync(process.execPath, ['-e', ${JSON.stringify(spin)}]);`,
    ]);
    const used = childrenCpuSeconds() - before;
    expect(used).toBeGreaterThanOrEqual(0.6);
    expect(used).toBeLessThan(10);
  });
});

describe('machineBusySeconds', () => {
  it("counts a child's CPU time among the machine's (and never less than what this process saw)", () => {
    const before = machineBusySeconds();
    const childBefore = childrenCpuSeconds();
    // Spin on CPU time, not on the clock: on a busy machine 400 ms of wall time is less CPU.
    execFileSync(process.execPath, ['-e', SPIN_CPU]);
    const child = childrenCpuSeconds() - childBefore;
    expect(child).toBeGreaterThanOrEqual(0.4);
    expect(machineBusySeconds() - before).toBeGreaterThanOrEqual(child - 0.05);
  });
});
