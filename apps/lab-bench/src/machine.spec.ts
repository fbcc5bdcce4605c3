import { execFileSync } from 'node:child_process';
import { childrenCpuSeconds } from './machine';

describe('childrenCpuSeconds', () => {
  it('grows by the CPU time of a child once it has been waited for, grandchildren included', () => {
    const before = childrenCpuSeconds();
    // A child that spins 0.4 s itself and starts a grandchild spinning 0.4 s more.
    const spin = 'const end = Date.now() + 400; while (Date.now() < end);';
    execFileSync(process.execPath, [
      '-e',
      `${spin} require('node:child_process').execFileSync(process.execPath, ['-e', ${JSON.stringify(spin)}]);`,
    ]);
    const used = childrenCpuSeconds() - before;
    expect(used).toBeGreaterThanOrEqual(0.6);
    expect(used).toBeLessThan(10);
  });
});
