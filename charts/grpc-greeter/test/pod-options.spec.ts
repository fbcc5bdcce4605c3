// What a real install adds around the tutorial's objects: pull secrets, a service account, extra
// pod labels and annotations, placement and resources per component, and PodDisruptionBudgets.
// Each option must land on exactly the pods it names, and every object must stay valid.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { validateWithModels } from './support/models';
import { SERVER_NAME } from './support/paths';
import { asType, podsOf, PodView } from './support/pods';
import { render, Rendered } from './support/render';

const COMPONENTS = ['server', 'client', 'test'] as const;
type Component = (typeof COMPONENTS)[number];

/** Distinct values per component, so a value that lands on the wrong pod shows. */
function componentValues(component: Component) {
  return {
    podLabels: { 'istio.io/rev': `rev-${component}`, team: component },
    podAnnotations: { 'example.com/owner': component },
    nodeSelector: { 'example.com/pool': component },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: component, effect: 'NoSchedule' }],
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'zone', operator: 'In', values: [component] }] },
          ],
        },
      },
    },
    resources: {
      requests: { cpu: component === 'server' ? '250m' : '0.1', memory: '96Mi' },
      limits: { cpu: component === 'server' ? 1 : '300m', memory: '1Gi' },
    },
  };
}

function componentOf(pod: PodView): Component {
  const component = pod.labels['app.kubernetes.io/component'];
  if (!COMPONENTS.includes(component as Component)) throw new Error(`${pod.owner}: ${component}`);
  return component as Component;
}

let dir = '';
let rendered: Rendered;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grpc-greeter-pod-options-'));
  const file = join(dir, 'values.yaml');
  writeFileSync(
    file,
    stringify({
      imagePullSecrets: [{ name: 'regcred' }],
      serviceAccount: { create: true, name: '', annotations: { 'example.com/role': 'greeter' } },
      server: { ...componentValues('server'), podDisruptionBudget: { enabled: true } },
      client: componentValues('client'),
      test: componentValues('test'),
    }),
  );
  rendered = await render({ scenario: 'sidecar-round-robin', valuesFiles: [file] });
}, 30_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('pod options', () => {
  it('render only valid objects', async () => {
    const results = await validateWithModels(rendered.objects);
    expect(results.filter((r) => r.error !== null)).toEqual([]);
  });

  it('put each component’s labels, annotations, placement and resources on its own pods only', () => {
    const pods = podsOf(rendered);
    expect(pods.map(componentOf).sort()).toEqual(['client', 'server', 'server', 'test']);
    for (const pod of pods) {
      const want = componentValues(componentOf(pod));
      expect(pod.labels).toMatchObject(want.podLabels);
      expect(pod.annotations).toMatchObject(want.podAnnotations);
      expect(pod.spec.nodeSelector).toEqual(want.nodeSelector);
      expect(pod.spec.tolerations).toEqual(want.tolerations);
      expect(pod.spec.affinity).toEqual(want.affinity);
      expect(pod.spec.containers[0].resources).toEqual(want.resources);
    }
  });

  it('keep the chart’s own labels and mesh annotations next to the extra ones', () => {
    for (const pod of podsOf(rendered)) {
      expect(pod.labels['sidecar.istio.io/inject']).toBe('true');
      expect(pod.labels['service.istio.io/canonical-name']).toBeDefined();
    }
  });

  it('run every pod as the created ServiceAccount, with the pull secret and no API token', () => {
    const account = rendered.get('ServiceAccount');
    expect(account.metadata.name).toBe('grpc-greeter');
    expect(account.metadata.annotations).toEqual({ 'example.com/role': 'greeter' });
    expect(account.automountServiceAccountToken).toBe(false);
    for (const pod of podsOf(rendered)) {
      expect(pod.spec.serviceAccountName).toBe('grpc-greeter');
      expect(pod.spec.automountServiceAccountToken).toBe(false);
      expect(pod.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    }
  });

  it('render one PodDisruptionBudget per version, selecting exactly that version’s pods', () => {
    const budgets = rendered.all('PodDisruptionBudget').map((o) =>
      asType<{
        metadata: { name: string };
        spec: { maxUnavailable: number; selector: { matchLabels: object } };
      }>(o),
    );
    expect(budgets.map((b) => [b.metadata.name, b.spec.maxUnavailable, b.spec.selector])).toEqual([
      [`${SERVER_NAME}-v1`, 1, { matchLabels: { app: SERVER_NAME, version: 'v1' } }],
      [`${SERVER_NAME}-v2`, 1, { matchLabels: { app: SERVER_NAME, version: 'v2' } }],
    ]);
  });
});

describe('defaults', () => {
  it('render no ServiceAccount, PodDisruptionBudget, pull secret or placement', async () => {
    const r = await render({});
    expect(r.all('ServiceAccount')).toEqual([]);
    expect(r.all('PodDisruptionBudget')).toEqual([]);
    for (const pod of podsOf(r)) {
      for (const field of [
        'serviceAccountName',
        'imagePullSecrets',
        'nodeSelector',
        'tolerations',
        'affinity',
      ]) {
        expect({ owner: pod.owner, [field]: pod.spec[field as keyof typeof pod.spec] }).toEqual({
          owner: pod.owner,
        });
      }
    }
  });

  it('name an existing ServiceAccount without creating one', async () => {
    const r = await render({ set: ['serviceAccount.name=greeter'] });
    expect(r.all('ServiceAccount')).toEqual([]);
    expect(podsOf(r).map((p) => p.spec.serviceAccountName)).toEqual(Array(4).fill('greeter'));
  });
});

describe('server.podAnnotations', () => {
  it('changes the server pod templates only, as `kubectl rollout restart` does (a lab phase sets it)', async () => {
    const restart = 'server.podAnnotations.kubectl\\.kubernetes\\.io/restartedAt=phase-2';
    const [before, after] = await Promise.all([render({}), render({ set: [restart] })]);
    const templates = (r: Rendered) =>
      podsOf(r).map((p) => [p.owner, p.annotations['kubectl.kubernetes.io/restartedAt']]);
    expect(templates(before).map(([, a]) => a)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(Object.fromEntries(templates(after))).toEqual({
      [`Deployment/${SERVER_NAME}-v1`]: 'phase-2',
      [`Deployment/${SERVER_NAME}-v2`]: 'phase-2',
      'Deployment/istio-grpc-client': undefined,
      'Pod/grpc-greeter-test-split': undefined,
    });
  });
});

describe('client.service.enabled=false', () => {
  it('drops the client Service and keeps the server’s', async () => {
    const r = await render({ set: ['client.service.enabled=false'] });
    expect(r.all('Service').map((s) => s.metadata.name)).toEqual([SERVER_NAME]);
  });
});
