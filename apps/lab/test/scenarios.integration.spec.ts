import { findChartDir, listScenarios } from '@grpc-greeter/helm';
import { workspaceRoot } from '@grpc-greeter/testing';
import { labRows, type LabRow, runLab, withoutHelm } from './run-lab';

// One run of the whole lab (every scenario, real server and client processes) feeds every assertion
// below: that is exactly what `npm start` does on a fresh machine with only Node, where the lab runs
// the committed renders (the chart tests prove they equal helm's output).
describe('the lab, every scenario through real processes, on a machine without helm', () => {
  let rows: Map<string, LabRow>;
  let exitCode: number | null;
  let stderr: string;

  beforeAll(async () => {
    // A fixed seed makes the simulated kube-proxy's picks replayable. For "replay-1" the first two
    // picks of max-connection-age differ, so any run with a reconnect must reach both pods; unseeded,
    // ~8 connections all land on one pod about 1 run in 128.
    const result = await runLab(['--json', '--seed=replay-1'], {
      timeoutMs: 120_000,
      env: withoutHelm(),
    });
    exitCode = result.code;
    stderr = result.stderr;
    rows = new Map(labRows(result.stdout).map((row) => [row.scenario, row]));
  }, 150_000);

  it('says in one line that it runs the committed renders', () => {
    expect(stderr).toBe(
      'lab: helm not found (HELM_BIN, PATH): running the committed renders in charts/grpc-greeter/rendered/\n',
    );
  });

  const rowOf = (name: string): LabRow => {
    const found = rows.get(name);
    if (!found) throw new Error(`no row for ${name}`);
    return found;
  };
  const percent = (row: LabRow, version: string) =>
    (100 * (row.client.byVersion[version] ?? 0)) / row.client.ok;

  it('runs every scenario file, the tutorial’s four first, each passing; no failed call but where a rollout without drain loses some', () => {
    expect([...rows.keys()]).toEqual(listScenarios(findChartDir(workspaceRoot)));
    expect([...rows.keys()].slice(0, 4)).toEqual([
      'no-sidecar',
      'sidecar-round-robin',
      'weighted-90-10',
      'v2-only',
    ]);
    for (const row of rows.values()) {
      // Losing calls is rolling-update-no-drain's point: its phases file sets no bound on them.
      const mayFail = row.scenario === 'rolling-update-no-drain';
      expect({
        scenario: row.scenario,
        verdict: row.verdict,
        failed: mayFail || row.client.failed,
      }).toEqual({
        scenario: row.scenario,
        verdict: 'PASS',
        failed: mayFail || 0,
      });
    }
    expect(exitCode).toBe(0);
  });

  it('no-sidecar: one connection through kube-proxy, so one pod answers everything (100:0)', () => {
    const row = rowOf('no-sidecar');
    expect(row.path).toBe('kube-proxy');
    expect(Object.values(row.client.byHostname)).toEqual([200]);
  });

  it.each(['sidecar-round-robin', 'client-side-lb', 'proxyless'])(
    '%s: per-request balancing, about 50:50',
    (name) => {
      const row = rowOf(name);
      expect(Math.abs(percent(row, 'v1') - 50)).toBeLessThanOrEqual(8);
      expect(Object.keys(row.client.byHostname)).toHaveLength(2);
    },
  );

  it('weighted-90-10: 90:10 within ±8 pp over 200 requests', () => {
    const row = rowOf('weighted-90-10');
    expect(row.client.requests).toBe(200);
    expect(Math.abs(percent(row, 'v1') - 90)).toBeLessThanOrEqual(8);
    expect(Math.abs(percent(row, 'v2') - 10)).toBeLessThanOrEqual(8);
  });

  it('v2-only: exactly 0:100', () => {
    const row = rowOf('v2-only');
    expect(row.client.byVersion).toEqual({ v2: 200 });
  });

  it('ambient without a waypoint: ztunnel balances connections, so one pod answers everything', () => {
    const row = rowOf('ambient');
    expect(row.path).toBe('ztunnel');
    expect(Object.values(row.client.byHostname)).toEqual([200]);
  });

  it.each(['ambient-waypoint', 'gateway-api-90-10'])(
    '%s: per-request weights through L7, 90:10 within ±8 pp',
    (name) => {
      const row = rowOf(name);
      expect(row.path).toBe('mesh');
      expect(Math.abs(percent(row, 'v1') - 90)).toBeLessThanOrEqual(8);
    },
  );

  it.each(['scale-up-no-sidecar', 'scale-up-client-side-lb'])(
    '%s: after the scale-up the new pods get 0 calls (the client keeps its connections)',
    (name) => {
      const [, after] = rowOf(name).phases ?? [];
      expect(after.newPods).toHaveLength(2);
      expect(after.newPods.map((pod) => pod.calls)).toEqual([0, 0]);
      expect(after.failed).toBe(0);
    },
  );

  it.each(['scale-up-max-connection-age', 'scale-up-mesh'])(
    '%s: after the scale-up every new pod gets calls in the same phase',
    (name) => {
      const [, after] = rowOf(name).phases ?? [];
      expect(after.newPods).toHaveLength(2);
      for (const pod of after.newPods) expect(pod.calls).toBeGreaterThan(0);
      expect(after.failed).toBe(0);
    },
  );

  it('rolling updates report failed calls per phase; with a drain (ClusterIP or mesh) none fail', () => {
    for (const name of ['rolling-update-drain', 'rolling-update-mesh', 'rolling-update-no-drain']) {
      const phases = rowOf(name).phases ?? [];
      expect(phases.map((p) => p.name)).toEqual(['one pod per version', 'rollout restart']);
      expect(phases[1].newPods).toHaveLength(2);
    }
    expect(rowOf('rolling-update-drain').phases?.map((p) => p.failed)).toEqual([0, 0]);
    // The drain ends within the phase: the client's one connection moved to a new pod.
    const drained = rowOf('rolling-update-drain').phases?.[1].newPods ?? [];
    expect(drained.some((pod) => pod.calls > 0)).toBe(true);
    expect(rowOf('rolling-update-mesh').phases?.map((p) => p.failed)).toEqual([0, 0]);
  });

  it('takes the verdict from each render’s helm test pod (its --expect)', () => {
    expect(rowOf('weighted-90-10').expect).toBe('v1=90,v2=10');
    expect(rowOf('no-sidecar').expect).toBe('one-pod');
    expect(rowOf('max-connection-age').expect).toBe('many-pods');
  });

  it('max-connection-age: reconnects reach more than one pod', () => {
    const row = rowOf('max-connection-age');
    expect(row.path).toBe('kube-proxy');
    expect(Object.keys(row.client.byHostname).length).toBeGreaterThan(1);
  });

  it('names pods like a Deployment does (istio-grpc-server-v1-<hash>-<suffix>)', () => {
    for (const pod of rowOf('weighted-90-10').pods) {
      expect(pod.hostname).toMatch(
        new RegExp(`^istio-grpc-server-${pod.version}-[a-z0-9]{10}-[a-z0-9]{5}$`),
      );
    }
  });
});

describe('one scenario with the tutorial lines', () => {
  it('prints the raw client lines, then the table and per-pod detail', async () => {
    const result = await runLab(['--scenario', 'weighted-90-10', '--repeat', '100']);
    expect(result.code).toBe(0);
    // The client's lines come first, then a blank line and the table.
    const lines = result.stdout.split('\n\n')[0].split('\n');
    expect(lines).toHaveLength(100);
    for (const line of lines) {
      expect(line).toMatch(
        /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} Hello world from istio-grpc-server-v[12]-[a-z0-9]{10}-[a-z0-9]{5}$/,
      );
    }
    expect(result.stdout).toMatch(/^weighted-90-10\s+mesh \(xDS, L7\)\s+100\s/m);
  });
});
