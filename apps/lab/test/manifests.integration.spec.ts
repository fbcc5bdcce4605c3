import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helm, minKubeVersion } from '@grpc-greeter/helm';
import { workspaceRoot } from '@grpc-greeter/testing';
import { labRows, type LabRow, runLab } from './run-lab';

const CHART = join(workspaceRoot, 'charts/grpc-greeter');

async function template(valuesYaml: string, dir: string): Promise<string> {
  const file = join(dir, 'values.yaml');
  writeFileSync(file, valuesYaml);
  const result = await helm([
    'template',
    't',
    CHART,
    '--values',
    file,
    '--kube-version',
    minKubeVersion(CHART),
  ]);
  if (result.code !== 0) throw new Error(result.stderr);
  return result.stdout;
}

async function labJson(args: string[], stdin?: string): Promise<LabRow> {
  const result = await runLab([...args, '--json'], { stdin, timeoutMs: 120_000 });
  const [row] = labRows(result.stdout);
  return row;
}

// 1,000 calls: a 70 % share over 200 has a standard deviation of 3.2 pp, so ±8 failed about one
// run in 70; over 1,000 it is 1.4 pp (±8 is 5.5 of those).
const SEVENTY_THIRTY =
  'mesh: {sidecar: true}\nrouting: {enabled: true, weights: {v1: 70, v2: 30}}\ntest: {repeat: 1000}\n';

// The lab runs what `kubectl apply` would receive: any rendered objects, read from a pipe or a file.
describe('lab --manifests', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lab-manifests-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs `helm template … | lab --manifests -` at the render’s weights, judged by its helm test pod', async () => {
    const row = await labJson(['--manifests', '-'], await template(SEVENTY_THIRTY, dir));
    expect(row.expect).toBe('v1=70,v2=30');
    expect(row.verdict).toBe('PASS');
    expect(row.client.failed).toBe(0);
    expect(
      Math.abs((100 * (row.client.byVersion.v1 ?? 0)) / row.client.ok - 70),
    ).toBeLessThanOrEqual(8);
  }, 90_000);

  it('renders a values file given to --scenario the same way', async () => {
    const file = join(dir, 'seventy-thirty.yaml');
    writeFileSync(file, SEVENTY_THIRTY);
    const row = await labJson(['--scenario', file]);
    expect(row).toMatchObject({
      scenario: 'seventy-thirty',
      expect: 'v1=70,v2=30',
      verdict: 'PASS',
    });
  }, 90_000);

  it('a weight on a subset no DestinationRule defines: the calls routed there fail, and the lab says why', async () => {
    const rendered = await template(
      'mesh: {sidecar: true}\nrouting: {enabled: true, weights: {v1: 90, v2: 10}}\n',
      dir,
    );
    // The helm test pod's own deadline keeps each lost call short.
    const edited = rendered
      .replace('subset: v1', 'subset: v3')
      .replace('- --insecure', '- --insecure\n        - --timeout=300ms');
    const row = await labJson(['--manifests', '-', '--repeat', '10'], edited);
    expect(row.verdict).toBe('FAIL');
    expect(row.client.failed).toBeGreaterThan(0);
    expect(row.notes.join('\n')).toContain(
      'routes to outbound|8080|v3|istio-grpc-server.default.svc.cluster.local, which no DestinationRule subset or Service defines',
    );
  }, 90_000);

  it('a Service that selects no pods: kube-proxy refuses the connections, and the lab says so', async () => {
    const rendered = await template('{}\n', dir);
    const edited = rendered.replace(
      /(kind: Service\nmetadata:\n {2}name: istio-grpc-server\n[\s\S]*?selector:\n\s+app: )"istio-grpc-server"/,
      '$1"nobody"',
    );
    expect(edited).not.toBe(rendered);
    const row = await labJson(['--manifests', '-', '--repeat', '3'], edited);
    expect(row.verdict).toBe('FAIL');
    expect(row.client.ok).toBe(0);
    expect(row.notes).toEqual([
      'Service/istio-grpc-server selects no pods: kube-proxy rejects connections to a ClusterIP without endpoints',
    ]);
  }, 90_000);

  it('runs the tutorial’s own YAML (its images replaced by ours): one connection, one pod, no verdict', async () => {
    const row = await labJson([
      '--manifests',
      join(workspaceRoot, 'libs/manifests/test/fixtures/tutorial-nosidecar.yaml'),
    ]);
    expect(row.expect).toBeNull();
    expect(row.verdict).toBe('-');
    expect(row.client.failed).toBe(0);
    expect(Object.keys(row.client.byVersion)).toHaveLength(1);
  }, 90_000);

  it.each(['builtin', 'istio'])(
    'proxyless + a LEAST_REQUEST DestinationRule (%s plane): no call succeeds, as in a cluster',
    async (plane) => {
      // The chart refuses this pair; a hand-edited render is what a cluster could still be given.
      const rendered = await template('mesh: {proxyless: true}\nrouting: {enabled: true}\n', dir);
      const edited = rendered
        .replace('simple: ROUND_ROBIN', 'simple: LEAST_REQUEST')
        .replace('- --insecure', '- --insecure\n        - --timeout=500ms\n        - --retries=0');
      expect(edited).toContain('simple: LEAST_REQUEST');
      const row = await labJson(
        ['--manifests', '-', '--repeat', '3', `--control-plane=${plane}`],
        edited,
      );
      expect(row.verdict).toBe('FAIL');
      expect(row.client.ok).toBe(0);
    },
    120_000,
  );
});
