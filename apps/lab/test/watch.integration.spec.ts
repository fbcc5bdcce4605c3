import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor, workspaceRoot } from '@grpc-greeter/testing';
import { isAlive } from './run-lab';
import { type WatchEvent, watchLab } from './watching-lab';

const SOURCE = join(workspaceRoot, 'charts/grpc-greeter/scenarios/weighted-90-10.yaml');

function withWeights(v1: number, v2: number): string {
  // Anchored on the YAML key, not the header comment that also says "weights:".
  return readFileSync(SOURCE, 'utf8').replace(
    /^ {2}weights:\n {4}v1: \d+\n {4}v2: \d+/m,
    `  weights:\n    v1: ${v1}\n    v2: ${v2}`,
  );
}

// The tutorial's last step on a running lab: the file changes, the control plane pushes the new
// route, the client follows — without failed calls and without piling up connections.
describe('lab --watch', () => {
  let dir: string;
  let file: string;
  let lab: ReturnType<typeof watchLab>;
  const events = () => lab.events();
  const count = (kind: WatchEvent['event']) => lab.count(kind);
  const lastWindow = () => lab.windows().at(-1);

  async function push(v1: number, v2: number): Promise<void> {
    const pushed = count('pushed');
    writeFileSync(file, withWeights(v1, v2));
    await waitFor(`push of v1=${v1},v2=${v2}`, () => count('pushed') > pushed);
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lab-watch-'));
    file = join(dir, 'weighted.yaml');
    copyFileSync(SOURCE, file);
    lab = watchLab(['--scenario', file]);
  });
  afterEach(async () => {
    await lab.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows 90/10 → 0/100 with zero failed calls, and connections stay bounded over 10 pushes', async () => {
    await waitFor('the lab to serve', () => count('serving') === 1, 15_000);
    await waitFor('a window of calls', () => (lastWindow()?.calls ?? 0) >= 20, 15_000);
    const before = lastWindow() as WatchEvent;
    expect(before.byVersion?.v1 ?? 0).toBeGreaterThan(before.byVersion?.v2 ?? 0);

    await push(0, 100);
    const droppedV1At = Date.now();
    await lab.nextWindows(1); // the window in which the push landed
    const after = await lab.nextWindowWithCalls();
    expect(after.byVersion).toEqual({ v2: after.calls });

    for (let i = 0; i < 10; i += 1) await (i % 2 === 0 ? push(90, 10) : push(50, 50));
    // Each push gives grpc-js-xds new subchannels; grpc-js sweeps the unused ones every 10 s, after
    // which only the live connections (one per pod) remain: bounded, not growing with pushes.
    const windowsBefore = count('window');
    const windowsAfterPushes = () => lab.windows().slice(windowsBefore + 1);
    await waitFor(
      'idle subchannels to be swept',
      () => windowsAfterPushes().some((w) => (w.connections ?? Infinity) <= 2),
      30_000,
    );
    // Linear in the pushes, never more (11 pushes here: 0/100, then the 10). grpc-js-xds opens a
    // connection per pod on each update (its subchannels are keyed by channel args, which carry
    // the update's config selector), and a push that routes to a cluster again (90/10 after
    // 0/100) has been seen to open one more: two per pod per push bounds both.
    const pods = 2;
    expect(Math.max(...windowsAfterPushes().map((w) => w.connections ?? 0))).toBeLessThanOrEqual(
      pods + 2 * pods * count('pushed'),
    );
    // And they stay swept: 0/100 dropped v1's cluster while its policy was connecting, and
    // unpatched grpc-js-xds re-created that policy 10 s later (its failover timer outlived it), with
    // a connection to v1 that nobody closed (patches/@grpc+grpc-js-xds+1.14.1.patch).
    const sweptAt = windowsAfterPushes().findIndex((w) => (w.connections ?? Infinity) <= 2);
    await waitFor(
      'the failover timer of the dropped cluster to have passed',
      () => Date.now() - droppedV1At > 11_000 && windowsAfterPushes().length > sweptAt + 1,
      30_000,
    );
    const settled = windowsAfterPushes().slice(sweptAt);
    expect(Math.max(...settled.map((w) => w.connections ?? Infinity))).toBeLessThanOrEqual(2);
    expect(settled.at(-1)?.failed).toBe(0);
    expect(Object.keys(settled.at(-1)?.byVersion ?? {}).sort()).toEqual(['v1', 'v2']);
  }, 90_000);

  it('keeps the last good routing when the file becomes invalid, then accepts a fixed one', async () => {
    await waitFor('the lab to serve', () => count('serving') === 1, 15_000);
    writeFileSync(file, withWeights(50, 60));
    await waitFor('the rejection', () => count('rejected') === 1);
    expect(events().find((e) => e.event === 'rejected')?.error).toContain(
      'routing.weights must sum to 100, got 110',
    );
    await push(0, 100);
    await lab.nextWindows(1); // the window in which the push landed
    const after = await lab.nextWindowWithCalls();
    expect(after.byVersion).toEqual({ v2: after.calls });
    expect(after.failed).toBe(0);
  }, 60_000);

  it('Ctrl-C stops every server and client it started', async () => {
    await waitFor('the lab to serve', () => count('serving') === 1, 15_000);
    await lab.nextWindows(1);
    const pids = (events().find((e) => e.event === 'serving')?.pods ?? []).map((pod) => pod.pid);
    expect(pids).toHaveLength(2);
    expect(await lab.stop()).toBe(130);
    await waitFor('children to be gone', () => pids.every((pid) => !isAlive(pid)), 5000);
  }, 60_000);
});

// The tutorial's step 6 as it is done on a cluster: edit the VirtualService itself (here, in the
// rendered file) and watch the split follow.
// The tutorial's step 6 on both control planes: the builtin one, and Istio's own pilot (its push
// debounce and proxyless xDS generator between the file and the client).
describe.each(['builtin', 'istio'])('lab --watch on a rendered file, %s control plane', (plane) => {
  let dir: string;
  let file: string;
  let lab: ReturnType<typeof watchLab>;
  const count = (kind: WatchEvent['event']) => lab.count(kind);
  const windows = () => lab.windows();
  const rendered = readFileSync(
    join(workspaceRoot, 'charts/grpc-greeter/rendered/weighted-90-10.yaml'),
    'utf8',
  );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lab-watch-rendered-'));
    file = join(dir, 'weighted-90-10.yaml');
    writeFileSync(file, rendered);
    lab = watchLab(['--manifests', file, `--control-plane=${plane}`]);
  });
  afterEach(async () => {
    await lab.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows an edit of the VirtualService weights 90/10 → 0/100 with zero failed calls, and keeps it through a broken edit', async () => {
    await waitFor('the lab to serve', () => count('serving') === 1, 15_000);
    await waitFor('a window of calls', () => (windows().at(-1)?.calls ?? 0) >= 20, 15_000);
    const edited = rendered.replace('weight: 90', 'weight: 0').replace('weight: 10', 'weight: 100');
    expect(edited).not.toBe(rendered);
    writeFileSync(file, edited);
    await waitFor('the push', () => count('pushed') === 1);
    await lab.nextWindows(1); // the window in which the push landed
    const after = await lab.nextWindowWithCalls();
    expect(after.byVersion).toEqual({ v2: after.calls });
    expect(after.failed).toBe(0);

    writeFileSync(file, `${edited}\n  broken: [yaml\n`);
    await waitFor('the rejection', () => count('rejected') === 1);
    expect(lab.events().find((e) => e.event === 'rejected')?.error).toMatch(/invalid YAML/);
    const rejectedAt = windows().length;
    await waitFor('two more windows', () => windows().length >= rejectedAt + 2, 15_000);
    const kept = windows().at(-1) as WatchEvent;
    expect(kept.byVersion).toEqual({ v2: kept.calls });
    expect(windows().reduce((sum, w) => sum + (w.failed ?? 0), 0)).toBe(0);
  }, 60_000);
});
