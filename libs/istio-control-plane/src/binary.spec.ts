import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureIstioPilot, GO_MISSING, ISTIO_PILOT_BINARY } from './binary';

describe('ensureIstioPilot', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'istio-pilot-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('Should use the built binary in dist/apps/istio-pilot without building', async () => {
    const progress: string[] = [];
    await expect(ensureIstioPilot({ onProgress: (l) => progress.push(l) })).resolves.toBe(
      ISTIO_PILOT_BINARY,
    );
    expect(progress).toEqual([]);
  });

  it('Should fail with one line naming what to install when go is missing', async () => {
    const missing = ensureIstioPilot({ binary: join(dir, 'istio-pilot'), go: join(dir, 'no-go') });
    await expect(missing).rejects.toThrow(GO_MISSING);
    expect(GO_MISSING).not.toContain('\n');
    expect(GO_MISSING).toMatch(/Go 1\.26 or newer.*install it from https:\/\/go\.dev\/dl\//);
  });

  it('Should build the binary with go on first use and say so first', async () => {
    const binary = join(dir, 'istio-pilot');
    const progress: string[] = [];
    await ensureIstioPilot({ binary, onProgress: (line) => progress.push(line) });
    expect(existsSync(binary)).toBe(true);
    expect(progress).toHaveLength(1);
    expect(progress[0]).toMatch(/^building Istio's control plane .* with go version go1\.\d+/);
    // A link of Istio from a warm Go build cache; the first, cold build takes minutes.
  }, 300_000);
});
