import { findChartDir, listScenarios, readPhases, readRendered } from '@grpc-greeter/helm';
import { flagValue, parseManifests } from '@grpc-greeter/manifests';
import { workspaceRoot } from '@grpc-greeter/testing';
import { expectAborted, expectBadPodKept, expectDelayed } from './faults';
import { labRows, type LabRow, runLab, usersPerPod, withoutHelm } from './run-lab';

const CHART = findChartDir(workspaceRoot);

/** A flag of the scenario's committed render's helm test pod: what the lab must judge by. */
function renderedFlag(name: string, flag: string): string | undefined {
  const objects = parseManifests(readRendered(CHART, name) ?? '', name);
  const pod = objects.find((o) => o.metadata?.annotations?.['helm.sh/hook'] === 'test');
  const args = (pod?.spec as { containers: { args: string[] }[] }).containers[0].args;
  return flagValue(args, flag);
}

/**
 * Whether the scenario may lose calls: a phase leaves failed calls unbounded (no expect.maxFailed),
 * or its helm test pod expects a share of them to fail (--expect-failed: an injected abort).
 */
const mayLoseCalls = (name: string) =>
  renderedFlag(name, 'expect-failed') !== undefined ||
  (readPhases(CHART, name) ?? []).slice(1).some((phase) => phase.expect?.maxFailed === undefined);

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

  it('runs every scenario file, in the catalogue’s order, each passing; no failed call but where a phase allows some', () => {
    expect([...rows.keys()]).toEqual(listScenarios(CHART));
    for (const row of rows.values()) {
      const mayFail = mayLoseCalls(row.scenario);
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

  it('judges each row by its render’s helm test pod (its --expect)', () => {
    for (const row of rows.values()) {
      expect({ scenario: row.scenario, expect: row.expect }).toEqual({
        scenario: row.scenario,
        expect: renderedFlag(row.scenario, 'expect'),
      });
    }
  });

  it('reports each phase of a phased scenario under the name its file gives it', () => {
    for (const row of rows.values()) {
      const phases = readPhases(CHART, row.scenario);
      expect({ scenario: row.scenario, phases: row.phases?.map((p) => p.name) ?? null }).toEqual({
        scenario: row.scenario,
        phases: phases?.map((p) => p.name) ?? null,
      });
    }
  });

  it.each([
    ['no-sidecar', 'kube-proxy'],
    ['max-connection-age', 'kube-proxy'],
    ['ambient', 'ztunnel'],
    ['ambient-waypoint', 'mesh'],
    ['gateway-api-90-10', 'mesh'],
  ])('%s: the path its calls take is %s', (name, path) => {
    expect(rowOf(name).path).toBe(path);
  });

  it("sticks each of consistent-hash's 12 users to one pod, the users spread over both pods", () => {
    const perPod = Object.values(usersPerPod(rowOf('consistent-hash')));
    expect(perPod).toHaveLength(2);
    expect(perPod.flat()).toHaveLength(12);
  });

  // The VirtualService's route policies, as a proxyless client applies them (gRFC A44, A33).
  it('loses no call in the rollout of rolling-update-retries with retries, each rollout starting two pods', () => {
    const phases = rowOf('rolling-update-retries').phases ?? [];
    expect(phases.map((p) => [p.name, p.calls])).toEqual([
      ['one pod per version', 100],
      ['rollout restart, retries on unavailable', 300],
      ['rollout restart, retries off', 300],
    ]);
    expect(phases.map((p) => p.failed).slice(0, 2)).toEqual([0, 0]);
    for (const phase of phases.slice(1)) expect(phase.newPods).toHaveLength(2);
  });

  it('fails 10 ± 8 % of fault-abort’s 200 calls, each ABORTED, and balances the rest', () => {
    expectAborted(rowOf('fault-abort'));
  });

  it('delays 10 ± 8 % of fault-delay’s 200 calls by 200 ms or more, and fails none', () => {
    expectDelayed(rowOf('fault-delay'));
  });

  it('keeps sending outlier-detection’s bad pod its half of 200 calls, each failing UNAVAILABLE', () => {
    expectBadPodKept(rowOf('outlier-detection'));
  });

  // 4 callers, 2s calls, pings every 20ms doubled on each GOAWAY (gRFC A8): the GOAWAY comes on
  // the third bad ping, at 80, 160, 320, 640 and 1280ms, inside five rounds of calls; the sixth
  // round's pings (640ms apart) leave the 2s call two strikes.
  it('fails keepalive-too-many-pings’ first five rounds of 4 calls on the GOAWAY, each RESOURCE_EXHAUSTED; its fix fails none', () => {
    const { requests, failed, errors, byVersion } = rowOf('keepalive-too-many-pings').client;
    expect({
      requests,
      failed,
      codes: Object.keys(errors),
      replies: Object.values(byVersion),
    }).toEqual({
      requests: 24,
      failed: 20,
      codes: ['RESOURCE_EXHAUSTED'],
      replies: [4],
    });
    const fixed = rowOf('keepalive-enforcement').client;
    expect([fixed.requests, fixed.failed]).toEqual([8, 0]);
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
