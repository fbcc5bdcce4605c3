// The lab's phases files against the real chart: each phase's override renders and lints, and the
// difference between consecutive renders is what the lab will act on (replicas changed: a scale;
// pod template changed: a rolling update), with the expectations the scenarios promise.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helm, HelmResult } from '@grpc-greeter/testing';
import { SCENARIOS, SERVER_NAME } from './support/contract';
import { CHART_DIR, scenarioFile, scenarioNames } from './support/paths';
import { Phase, phasedScenarios, readPhases, writeOverrides } from './support/phases';
import { asType, Deployment, flagValue, testPod } from './support/pods';
import { render, Rendered } from './support/render';

const PHASED = phasedScenarios();
const EXPECTED_NEW_PODS: Record<string, 'idle' | 'busy'> = {
  'scale-up-no-sidecar': 'idle',
  'scale-up-client-side-lb': 'idle',
  'scale-up-max-connection-age': 'busy',
  'scale-up-mesh': 'busy',
};
const ZERO_FAILED = ['rolling-update-drain', 'rolling-update-mesh'];
// What `helm test` expects after `helm upgrade` with the scale-up override: a fresh client.
const EXPECT_AFTER_SCALE_UP: Record<string, string> = {
  'scale-up-no-sidecar': 'one-pod',
  'scale-up-client-side-lb': 'v1=75,v2=25',
  'scale-up-max-connection-age': 'many-pods',
  'scale-up-mesh': 'v1=75,v2=25',
};

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

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grpc-greeter-phases-'));
  await Promise.all(
    PHASED.map(async (name) => {
      const list = readPhases(name);
      phases.set(name, list);
      const files = writeOverrides(dir, name, list);
      const extra = (file?: string) => (file ? [file] : []);
      const namespace = SCENARIOS[name]?.namespace;
      renders.set(
        name,
        await Promise.all(
          files.map((file) =>
            render({
              scenario: name,
              namespace,
              valuesFiles: extra(file),
              apiVersions: ['networking.istio.io/v1'],
            }),
          ),
        ),
      );
      lints.set(
        name,
        await Promise.all(
          files.map((file) =>
            helm([
              'lint',
              '--strict',
              CHART_DIR,
              '--values',
              scenarioFile(name),
              ...extra(file).flatMap((f) => ['--values', f]),
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

describe('apps/lab/phases', () => {
  it('has a phases file for exactly the scale-up-* and rolling-update-* scenarios', () => {
    const changing = scenarioNames().filter((n) => /^(scale-up|rolling-update)-/.test(n));
    expect(PHASED).toEqual(changing);
    expect(changing.length).toBe(7);
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
    for (const phase of list()) {
      expect(phase.name).toMatch(/\S/);
      expect(Number.isInteger(phase.calls) && phase.calls > 0).toBe(true);
    }
  });

  it('renders and lints (--strict) every phase', () => {
    expect(rendered()).toHaveLength(list().length);
    for (const result of lints.get(name) ?? []) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
  });

  it('changes nothing but the server Deployments (and the helm test pod) between phases', () => {
    const all = rendered();
    const others = (r: Rendered) =>
      r.objects.filter(
        (o) =>
          !(o.kind === 'Deployment' && servers(r).has(o.metadata.name)) &&
          o.metadata.annotations?.['helm.sh/hook'] !== 'test',
      );
    for (let i = 1; i < all.length; i += 1) {
      expect(others(all[i])).toEqual(others(all[i - 1]));
      expect([...servers(all[i]).keys()]).toEqual([...servers(all[i - 1]).keys()]);
    }
  });

  if (name.startsWith('scale-up-')) {
    it(`scales v1 from 1 to 3 without touching a pod template; new pods ${EXPECTED_NEW_PODS[name]}`, () => {
      const [before, after] = rendered().map(servers);
      const v1 = `${SERVER_NAME}-v1`;
      expect([before.get(v1)?.spec.replicas, after.get(v1)?.spec.replicas]).toEqual([1, 3]);
      for (const [deployment, old] of before) {
        expect(after.get(deployment)?.spec.template).toEqual(old.spec.template);
      }
      expect(list()[1].expect?.newPods).toBe(EXPECTED_NEW_PODS[name]);
    });

    it(`expects ${EXPECT_AFTER_SCALE_UP[name]} from a fresh helm test after the scale-up`, () => {
      const args = testPod(rendered()[1]).spec.containers[0].args ?? [];
      expect(flagValue(args, '--expect')).toBe(EXPECT_AFTER_SCALE_UP[name]);
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

    it(`bounds failed calls in the rollout phase: ${ZERO_FAILED.includes(name) ? '0' : 'none'}`, () => {
      expect(list()[1].expect?.maxFailed).toBe(ZERO_FAILED.includes(name) ? 0 : undefined);
    });
  }
});
