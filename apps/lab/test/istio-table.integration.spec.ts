// `npm start -- --control-plane=istio` for the chart's mesh scenarios: Istio's own pilot serves
// the xDS, and every verdict (splits, phases) is the one the builtin plane's table gets (PASS, see
// scenarios.integration.spec.ts). The other rows never reach a control plane, so they are not rerun.
import {
  findChartDir,
  installOf,
  listScenarios,
  readPhases,
  readRendered,
  scenarioFile,
} from '@grpc-greeter/helm';
import { parseManifests, readLabWorld } from '@grpc-greeter/manifests';
import { workspaceRoot } from '@grpc-greeter/testing';
import { pathOf } from '@grpc-greeter/lab-engine';
import { expectAborted, expectBadPodKept, expectDelayed } from './faults';
import { labRows, type LabRow, runLab, usersPerPod } from './run-lab';

const CHART = findChartDir(workspaceRoot);
const meshScenarios = listScenarios(CHART).filter((name) => {
  const namespace = installOf(scenarioFile(CHART, name))?.namespace ?? 'default';
  const world = readLabWorld(
    parseManifests(readRendered(CHART, name) ?? '', name),
    namespace,
    name,
  );
  return pathOf(world) === 'mesh';
});

/** A row's failed calls, less those of phases that leave them unbounded (no expect.maxFailed). */
function boundedFailed(row: LabRow): number {
  const phases = readPhases(CHART, row.scenario);
  if (!row.phases || !phases) return row.client.failed;
  return row.phases
    .filter((_, i) => i === 0 || phases[i].expect?.maxFailed !== undefined)
    .reduce((sum, phase) => sum + phase.failed, 0);
}

describe('the lab with --control-plane=istio', () => {
  let rows: LabRow[];
  let exitCode: number | null;

  beforeAll(async () => {
    const result = await runLab(
      ['--json', '--control-plane=istio', ...meshScenarios.map((name) => `--scenario=${name}`)],
      { timeoutMs: 120_000 },
    );
    exitCode = result.code;
    rows = labRows(result.stdout);
  }, 150_000);

  it('runs the mesh scenarios, the phased ones among them', () => {
    expect(meshScenarios).toEqual(expect.arrayContaining(['weighted-90-10', 'scale-up-mesh']));
    expect(rows.map((row) => [row.scenario, row.path])).toEqual(
      meshScenarios.map((name) => [name, 'mesh']),
    );
  });

  it('gives each the verdict the builtin plane gives: PASS, no failed call but fault-abort’s and the bad pod’s', () => {
    expect(rows.map((row) => [row.scenario, row.verdict])).toEqual(
      meshScenarios.map((name) => [name, 'PASS']),
    );
    const failing = rows.filter((row) => boundedFailed(row) > 0).map((row) => row.scenario);
    expect(failing).toEqual(['fault-abort', 'outlier-detection']);
    expect(exitCode).toBe(0);
  });

  // Istio writes the VirtualService's retries and fault on the route, and the fault filter in
  // every proxyless listener (grpcgen lds.go); grpc-js-xds applies both (gRFC A44, A33).
  it('loses no call in the rollout of rolling-update-retries with retries', () => {
    const row = rowOf('rolling-update-retries');
    expect(row.phases?.map((p) => p.failed).slice(0, 2)).toEqual([0, 0]);
  });

  it('fails 10 ± 8 % of fault-abort’s 200 calls, each ABORTED', () => {
    expectAborted(rowOf('fault-abort'));
  });

  it('delays 10 ± 8 % of fault-delay’s 200 calls by 200 ms or more', () => {
    expectDelayed(rowOf('fault-delay'));
  });

  // Istio's gRPC generator writes no outlier_detection into the clusters (grpcgen cds.go).
  it('keeps sending outlier-detection’s bad pod its half of 200 calls, each failing UNAVAILABLE', () => {
    expectBadPodKept(rowOf('outlier-detection'));
  });

  const rowOf = (name: string): LabRow => {
    const found = rows.find((row) => row.scenario === name);
    if (!found) throw new Error(`no row for ${name}`);
    return found;
  };

  // Istio keys endpoints by IP: pods of a phased run sharing 127.0.0.1 merged into one endpoint,
  // so the new pods of scale-up-mesh got no calls and v2 none at all.
  it('sends calls to every pod of scale-up-mesh, the two it scales up too', () => {
    const row = rows.find((r) => r.scenario === 'scale-up-mesh');
    const newPods = row?.phases?.[1]?.newPods ?? [];
    expect(newPods).toHaveLength(2);
    for (const pod of newPods) expect(pod.calls).toBeGreaterThan(0);
    expect(Object.values(row?.client.byHostname ?? {})).toHaveLength(4);
  });

  // istiod's proxyless generator sends the DestinationRule's consistentHash as RING_HASH with the
  // route's header hash policy (grpcgen cds.go, ApplyRingHashLoadBalancer).
  it("sticks each of consistent-hash's 12 users to one pod, the users spread over both pods", () => {
    const row = rows.find((r) => r.scenario === 'consistent-hash');
    if (!row) throw new Error('no consistent-hash row');
    const perPod = Object.values(usersPerPod(row));
    expect(perPod).toHaveLength(2);
    expect(perPod.flat()).toHaveLength(12);
  });
});
