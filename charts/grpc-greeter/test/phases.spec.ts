// Each scenario's phases (scenario.phases) against the real chart: each phase's override renders
// and lints, and the difference between consecutive renders is what the lab will act on (replicas
// changed: a scale; pod template changed: a rolling update).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type Phase, readPhases } from '@grpc-greeter/helm';
import { helm, HelmResult } from '@grpc-greeter/testing';
import { CHART_DIR, SCENARIO_NAMES, scenarioFileOf, SERVER_NAME } from './support/paths';
import { asType, Deployment } from './support/pods';
import { render, Rendered } from './support/render';

const PHASED = SCENARIO_NAMES.filter((name) => readPhases(CHART_DIR, name));

const phases = new Map<string, Phase[]>();
const renders = new Map<string, Rendered[]>();
const lints = new Map<string, HelmResult[]>();
let dir = '';

function servers(r: Rendered): Map<string, Deployment> {
  const list = r
    .all('Deployment')
    .filter((d) => d.metadata.name.startsWith(`${SERVER_NAME}-`))
    .map((d) => asType<Deployment>(d));
  return new Map(list.map((d) => [d.metadata.name, d]));
}

/** Each phase's override as a values file for `helm -f` (none for phase 1, which has no values). */
function writeOverrides(scenario: string, list: Phase[]): string[][] {
  return list.map((phase, index) => {
    if (!phase.values) return [];
    const file = join(dir, `${scenario}-phase-${index + 1}.yaml`);
    writeFileSync(file, stringify(phase.values));
    return [file];
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grpc-greeter-phases-'));
  await Promise.all(
    PHASED.map(async (name) => {
      const list = readPhases(CHART_DIR, name) ?? [];
      phases.set(name, list);
      const overrides = writeOverrides(name, list);
      renders.set(
        name,
        await Promise.all(
          overrides.map((valuesFiles) =>
            render({ scenario: name, valuesFiles, apiVersions: ['networking.istio.io/v1'] }),
          ),
        ),
      );
      lints.set(
        name,
        await Promise.all(
          overrides.map((valuesFiles) =>
            helm([
              'lint',
              '--strict',
              CHART_DIR,
              ...[scenarioFileOf(name), ...valuesFiles].flatMap((f) => ['--values', f]),
            ]),
          ),
        ),
      );
    }),
  );
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('scenario.phases', () => {
  it('are set by exactly the scale-up-* and rolling-update-* scenarios', () => {
    expect(PHASED).toEqual(SCENARIO_NAMES.filter((n) => /^(scale-up|rolling-update)-/.test(n)));
    expect(PHASED).not.toEqual([]);
  });

  it('are refused by helm when one phase only (a change needs a before and an after)', async () => {
    const file = join(dir, 'one-phase.yaml');
    writeFileSync(file, stringify({ scenario: { phases: [{ name: 'only', calls: 1 }] } }));
    const result = await helm(['lint', '--strict', CHART_DIR, '--values', file]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(
      "at '/scenario/phases': minItems: got 1, want 2",
    );
  });
});

describe.each(PHASED)('phases of %s', (name) => {
  const list = () => phases.get(name) ?? [];
  const rendered = () => renders.get(name) ?? [];

  it('starts from the scenario file as is, then changes it in each later phase', () => {
    const [first, ...rest] = list();
    expect(first.values).toBeUndefined();
    expect(rest.length).toBeGreaterThan(0);
    for (const phase of rest) expect(phase.values).toEqual(expect.any(Object));
  });

  it('renders and lints (--strict) every phase', () => {
    expect(rendered()).toHaveLength(list().length);
    for (const result of lints.get(name) ?? []) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
  });

  it('changes nothing but the server Deployments (and the helm test pod, and the VirtualService where its values set routing) between phases', () => {
    const all = rendered();
    const setsRouting = (i: number) => 'routing' in (list()[i].values ?? {});
    const others = (r: Rendered, routing: boolean) =>
      r.objects.filter(
        (o) =>
          !(o.kind === 'Deployment' && servers(r).has(o.metadata.name)) &&
          !(routing && o.kind === 'VirtualService') &&
          o.metadata.annotations?.['helm.sh/hook'] !== 'test',
      );
    for (let i = 1; i < all.length; i += 1) {
      const routing = setsRouting(i) || setsRouting(i - 1);
      expect(others(all[i], routing)).toEqual(others(all[i - 1], routing));
      expect([...servers(all[i]).keys()]).toEqual([...servers(all[i - 1]).keys()]);
    }
  });

  if (name.startsWith('scale-up-')) {
    it('scales v1 from 1 to 3 without touching a pod template', () => {
      const [before, after] = rendered().map(servers);
      const v1 = `${SERVER_NAME}-v1`;
      expect([before.get(v1)?.spec.replicas, after.get(v1)?.spec.replicas]).toEqual([1, 3]);
      for (const [deployment, old] of before) {
        expect(after.get(deployment)?.spec.template).toEqual(old.spec.template);
      }
    });

    it('says what the new pods get (idle or busy)', () => {
      expect(['idle', 'busy']).toContain(list()[1].expect?.newPods);
    });
  } else {
    it('rolls every server Deployment (a new pod-template annotation), replicas unchanged', () => {
      const [before, after] = rendered().map(servers);
      for (const [deployment, old] of before) {
        const now = after.get(deployment);
        expect(now?.spec.replicas).toBe(old.spec.replicas);
        expect(now?.spec.template.metadata.annotations).toMatchObject({
          'kubectl.kubernetes.io/restartedAt': expect.any(String),
        });
        expect(now?.spec.template).not.toEqual(old.spec.template);
        expect(now?.spec.template.spec).toEqual(old.spec.template.spec);
      }
    });
  }
});
