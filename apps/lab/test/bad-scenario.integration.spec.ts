import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '@grpc-greeter/testing';
import { runLab } from './run-lab';

/** greeter-server/greeter-client processes whose command line mentions the marker. */
async function processesMentioning(marker: string): Promise<string[]> {
  const ps = await runProcess('ps', ['-eo', 'pid,args']);
  return ps.stdout
    .split('\n')
    .filter((line) => line.includes(marker) && /dist\/apps\/greeter-(server|client)/.test(line));
}

describe('lab on a bad scenario file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lab-bad-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'weights 50+60',
      'mesh: {sidecar: true}\nrouting: {enabled: true, weights: {v1: 50, v2: 60}}\n',
      'routing.weights must sum to 100, got 110',
    ],
    [
      'unknown version',
      'mesh: {sidecar: true}\nrouting: {enabled: true, weights: {v1: 50, v3: 50}}\n',
      'routing.weights.v3',
    ],
    ['bad version name', 'server: {versions: [{name: V_1, replicas: 1}]}\n', 'V_1'],
  ])(
    '%s: one clear line naming the file and key, exit ≠ 0, no process started',
    async (_case, yaml, message) => {
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, yaml);
      const result = await runLab(['--scenario', file]);
      expect(result.code).not.toBe(0);
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('bad.yaml');
      expect(lines[0]).toContain(message);
      expect(result.stdout).toBe('');
      expect(await processesMentioning(dir)).toEqual([]);
    },
  );

  it('a missing file is one line listing the scenarios that exist', async () => {
    const result = await runLab(['--scenario', 'no-such-scenario']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toMatch(
      /no-such-scenario\.yaml: no such scenario file \(available: no-sidecar, /,
    );
  });

  it('a bad second file stops the lab before the first one runs (nothing half-done)', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'routing: {weights: {v1: -1, v2: 101}}\n');
    const result = await runLab(['--scenario', 'no-sidecar', '--scenario', file]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).not.toContain('Hello world');
  });
});
