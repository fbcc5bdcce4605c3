// Every scenario file rendered once with the real helm (installed where the file says, Istio v1 API
// available as on a current cluster), then: every object validated against kubernetes-models /
// @kubernetes-models/istio / @kubernetes-models/gateway-api schemas, and the per-scenario facts the
// tutorial depends on asserted against what the scenario's values ask for (as helm merged them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installOf, scenarioData } from '@grpc-greeter/helm';
import { flagValue } from '@grpc-greeter/manifests';
import { validateWithModels, ModelResult } from './support/models';
import { notesRenderer, Probe } from './support/notes';
import {
  APP_VERSION,
  CHART_DIR,
  CLIENT_NAME,
  SCENARIO_NAMES,
  scenarioFileOf,
  SERVER_NAME,
  SERVER_PORT,
} from './support/paths';
import {
  asType,
  Deployment,
  DestinationRule,
  Service,
  VirtualService,
  podsOf,
  testPod,
} from './support/pods';
import { render, Rendered } from './support/render';

/** The values these tests read, as helm merged them for the scenario. */
interface ScenarioValues {
  mesh: { sidecar: boolean; proxyless: boolean; ambient: boolean };
  service: { headless: boolean };
  server: { drainSeconds: number; shutdownTimeoutSeconds: number };
  routing: {
    enabled: boolean;
    api: string;
    weights: Record<string, number>;
    retries: Record<string, unknown>;
    fault: Record<string, unknown>;
    consistentHash: { httpHeaderName: string };
  };
  test: { headers: Record<string, string[]>; repeat: number };
}

const ISTIO_V1 = 'networking.istio.io/v1';
const AMBIENT_LABEL = 'istio.io/dataplane-mode';
const names = SCENARIO_NAMES;

const rendered = new Map<string, Rendered>();
const probes = new Map<string, Probe>();
const modelResults = new Map<string, ModelResult[]>();

function scenario(name: string): Rendered {
  const hit = rendered.get(name);
  if (!hit) throw new Error(`scenario ${name} was not rendered`);
  return hit;
}

function valuesOf(name: string): ScenarioValues {
  const hit = probes.get(name);
  if (!hit) throw new Error(`scenario ${name} was not rendered`);
  return hit.values as unknown as ScenarioValues;
}

/** Whether Istio injects a proxy or agent into the scenario's pods (ambient injects nothing). */
const injected = (name: string) => valuesOf(name).mesh.sidecar || valuesOf(name).mesh.proxyless;
const istioRouting = (name: string) =>
  valuesOf(name).routing.enabled && valuesOf(name).routing.api === 'istio';
const weighted = (name: string) => Object.keys(valuesOf(name).routing.weights).length > 0;
const hashed = (name: string) => valuesOf(name).routing.consistentHash.httpHeaderName !== '';
/** Whether the scenario sets a VirtualService retry policy or fault (route-policies.spec.ts). */
const routePolicies = (name: string) =>
  Object.keys(valuesOf(name).routing.retries).length +
    Object.keys(valuesOf(name).routing.fault).length >
  0;

/** The scenarios `pick` selects; fails when it selects none (the assertion would then be empty). */
function scenariosWhere(pick: (name: string) => boolean): string[] {
  const picked = names.filter(pick);
  expect(picked).not.toEqual([]);
  return picked;
}

function serverDeployments(r: Rendered): Deployment[] {
  return r
    .all('Deployment')
    .filter((d) => d.metadata.name.startsWith(`${SERVER_NAME}-`))
    .map((d) => asType<Deployment>(d));
}

function testArgs(r: Rendered): string[] {
  return testPod(r).spec.containers[0].args ?? [];
}

beforeAll(async () => {
  const notesChart = notesRenderer();
  try {
    await Promise.all(
      names.map(async (name) => {
        const opts = { scenario: name, apiVersions: [ISTIO_V1] };
        const [result, probe] = await Promise.all([render(opts), notesChart.probe(opts)]);
        rendered.set(name, result);
        probes.set(name, probe);
      }),
    );
  } finally {
    notesChart.dispose();
  }
  const everything = names.flatMap((name) => scenario(name).objects);
  const results = await validateWithModels(everything);
  let offset = 0;
  for (const name of names) {
    const count = scenario(name).objects.length;
    modelResults.set(name, results.slice(offset, offset + count));
    offset += count;
  }
}, 60_000);

describe('scenario files', () => {
  it('list the tutorial’s steps first, numbered 1, 2, … in their order (scenario.tutorialStep)', () => {
    const steps = names.map((name) => scenarioData(scenarioFileOf(name)).tutorialStep ?? 0);
    const stepped = steps.filter((step) => step > 0);
    expect(stepped).toEqual(stepped.map((_, i) => i + 1));
    expect(steps).toEqual([...stepped, ...steps.slice(stepped.length).map(() => 0)]);
    expect(stepped).not.toEqual([]);
  });
});

describe('templates/NOTES.txt', () => {
  it('is only the grpc-greeter.notes template the NOTES assertions render', () => {
    const text = readFileSync(join(CHART_DIR, 'templates', 'NOTES.txt'), 'utf8');
    expect(text.trim()).toBe('{{ include "grpc-greeter.notes" . }}');
  });
});

describe.each(names)('scenario %s', (name) => {
  const namespace = installOf(scenarioFileOf(name))?.namespace;

  it('names the namespace it is installed in (scenario.namespace)', () => {
    expect(namespace).toMatch(/^[a-z0-9-]+$/);
  });

  it('renders only valid objects (kubernetes-models, @kubernetes-models/istio, gateway-api)', () => {
    const results = modelResults.get(name) ?? [];
    expect(results.length).toBe(scenario(name).objects.length);
    expect(results.filter((r) => r.error !== null)).toEqual([]);
  });

  it('hard-codes no namespace (helm install -n decides)', () => {
    expect(scenario(name).objects.filter((o) => o.metadata.namespace !== undefined)).toEqual([]);
  });

  it('renders the tutorial workloads: one server Deployment per version and the sleeping client', () => {
    const r = scenario(name);
    expect(serverDeployments(r).map((d) => d.metadata.name)).toEqual([
      `${SERVER_NAME}-v1`,
      `${SERVER_NAME}-v2`,
    ]);
    for (const d of serverDeployments(r)) {
      const version = d.metadata.name.slice(SERVER_NAME.length + 1);
      expect(d.spec.selector.matchLabels).toEqual({ app: SERVER_NAME, version });
      expect(d.spec.template.metadata.labels).toMatchObject({ app: SERVER_NAME, version });
      expect(d.metadata.labels).toMatchObject({
        app: SERVER_NAME,
        version,
        'app.kubernetes.io/name': 'grpc-greeter',
        'app.kubernetes.io/instance': 'grpc-greeter',
        'app.kubernetes.io/managed-by': 'Helm',
      });
    }
    const client = asType<Deployment>(r.get('Deployment', CLIENT_NAME));
    expect(client.spec.template.spec.containers[0].command).toEqual(['/bin/sleep', '3650d']);
  });

  it('labels every pod sidecar.istio.io/inject "true" exactly when mesh.sidecar or mesh.proxyless', () => {
    const pods = podsOf(scenario(name));
    expect(pods.length).toBe(4); // v1, v2, client, helm test pod
    for (const pod of pods) {
      expect({ owner: pod.owner, inject: pod.labels['sidecar.istio.io/inject'] }).toEqual({
        owner: pod.owner,
        inject: String(injected(name)),
      });
    }
  });

  it(`labels every pod ${AMBIENT_LABEL}=ambient exactly when mesh.ambient`, () => {
    const ambient = valuesOf(name).mesh.ambient;
    for (const pod of podsOf(scenario(name))) {
      expect({ owner: pod.owner, mode: pod.labels[AMBIENT_LABEL] }).toEqual({
        owner: pod.owner,
        mode: ambient ? 'ambient' : undefined,
      });
    }
  });

  it('exposes one Service on port 8080 named grpc-backend with appProtocol grpc, selecting app only', () => {
    const service = asType<Service>(scenario(name).get('Service', SERVER_NAME));
    expect(service.spec.ports).toEqual([
      {
        name: 'grpc-backend',
        appProtocol: 'grpc',
        port: SERVER_PORT,
        targetPort: 'grpc',
        protocol: 'TCP',
      },
    ]);
    expect(service.spec.selector).toEqual({ app: SERVER_NAME });
    expect(service.spec.clusterIP === 'None').toBe(valuesOf(name).service.headless);
  });

  it('runs the server with the address, drain and downward-API identity', () => {
    const { drainSeconds, shutdownTimeoutSeconds } = valuesOf(name).server;
    for (const d of serverDeployments(scenario(name))) {
      const spec = d.spec.template.spec;
      const container = spec.containers[0];
      expect(container.args).toEqual(
        expect.arrayContaining([
          `--address=0.0.0.0:${SERVER_PORT}`,
          `--drain-seconds=${drainSeconds}`,
          `--shutdown-timeout-seconds=${shutdownTimeoutSeconds}`,
        ]),
      );
      expect(container.env).toEqual(
        expect.arrayContaining([
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          {
            name: 'SERVICE_VERSION',
            valueFrom: { fieldRef: { fieldPath: "metadata.labels['version']" } },
          },
        ]),
      );
      expect(container.ports).toEqual([
        { name: 'grpc', containerPort: SERVER_PORT, protocol: 'TCP' },
      ]);
      expect(spec.terminationGracePeriodSeconds).toBeGreaterThan(
        drainSeconds + shutdownTimeoutSeconds,
      );
      expect(container.resources?.requests).toBeDefined();
      expect(container.resources?.limits).toBeDefined();
    }
  });

  it('probes with the native kubelet gRPC probe by default', () => {
    for (const d of serverDeployments(scenario(name))) {
      const container = d.spec.template.spec.containers[0];
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        expect(probe?.grpc).toEqual({ port: SERVER_PORT });
        expect(probe?.exec).toBeUndefined();
        expect(probe?.timeoutSeconds).toBe(1);
      }
    }
  });

  it('hardens every pod and container', () => {
    for (const pod of podsOf(scenario(name))) {
      expect(pod.spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 65532,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      for (const container of pod.spec.containers) {
        expect(container.securityContext).toMatchObject({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
        expect(container.resources?.limits).toMatchObject({ cpu: '500m', memory: '128Mi' });
      }
    }
  });

  it("runs helm test with the chart's --expect and the scenario's target", () => {
    const pod = testPod(scenario(name));
    const args = testArgs(scenario(name));
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.metadata.annotations).toMatchObject({
      'helm.sh/hook': 'test',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
      // helm (>= 3.18.0) prints every container's logs before it deletes a passed pod.
      'helm.sh/hook-output-log-policy': 'hook-succeeded,hook-failed',
    });
    expect(pod.spec.containers[0].command).toEqual(['/bin/greeter-client']);
    expect(args).toContain('--insecure');
    expect(flagValue(args, 'repeat')).toBe(String(valuesOf(name).test.repeat));
    expect(flagValue(args, 'tolerance')).toBe('8');
    expect(flagValue(args, 'expect')).toMatch(/^(one-pod|many-pods|sticky|(\w+=\d+,?)+)$/);
    // An injected proxy / agent would keep the finished pod Running: the client must stop it.
    expect(args.includes('--quit-istio-sidecar')).toBe(injected(name));
  });

  it('prints NOTES with the exact kubectl exec command and what the test pod expects', () => {
    const text = probes.get(name)?.notes ?? '';
    const target = flagValue(testArgs(scenario(name)), 'address');
    const container = injected(name) ? ` -c ${CLIENT_NAME}` : '';
    expect(text).toContain(`kubectl exec -it -n ${namespace} deploy/${CLIENT_NAME}${container} --`);
    expect(text).toContain(`/bin/greeter-client --insecure=true --address=${target} --repeat=100`);
    expect(text).toContain(`What to expect (${flagValue(testArgs(scenario(name)), 'expect')})`);
    expect(text).toContain(`helm test grpc-greeter -n ${namespace}\n`);
    expect(text).not.toMatch(/helm test[^\n]*--logs/);
  });

  it('gives Istio and Kiali one canonical service per workload: server name + version, client, test', () => {
    const canonical = Object.fromEntries(
      podsOf(scenario(name)).map((pod) => [
        pod.owner,
        `${pod.labels['service.istio.io/canonical-name']}/${pod.labels['service.istio.io/canonical-revision']}`,
      ]),
    );
    expect(canonical).toEqual({
      [`Deployment/${SERVER_NAME}-v1`]: `${SERVER_NAME}/v1`,
      [`Deployment/${SERVER_NAME}-v2`]: `${SERVER_NAME}/v2`,
      [`Deployment/${CLIENT_NAME}`]: `${CLIENT_NAME}/${APP_VERSION}`,
      [`Pod/${testPod(scenario(name)).metadata.name}`]: `${CLIENT_NAME}-test/${APP_VERSION}`,
    });
  });

  it("renders the tutorial's istio-grpc-client Service: port 8080 named grpc, selecting the client", () => {
    const service = asType<Service>(scenario(name).get('Service', CLIENT_NAME));
    expect(service.spec.selector).toEqual({ app: CLIENT_NAME });
    expect(service.spec.ports).toEqual([{ name: 'grpc', port: SERVER_PORT, protocol: 'TCP' }]);
    expect(service.spec.type).toBe('ClusterIP');
  });
});

describe('routing', () => {
  it('renders no routing rules where routing.enabled is false', () => {
    const ruleKinds = ['DestinationRule', 'VirtualService', 'GRPCRoute'];
    for (const name of scenariosWhere((n) => !valuesOf(n).routing.enabled)) {
      const rules = scenario(name).objects.filter((o) => ruleKinds.includes(o.kind));
      expect({ name, rules }).toEqual({ name, rules: [] });
    }
  });

  it('renders a ROUND_ROBIN DestinationRule and no VirtualService for Istio routing without weights', () => {
    for (const name of scenariosWhere(
      (n) => istioRouting(n) && !weighted(n) && !hashed(n) && !routePolicies(n),
    )) {
      const dr = asType<DestinationRule>(scenario(name).get('DestinationRule'));
      expect(dr.apiVersion).toBe(ISTIO_V1);
      expect(dr.spec.host).toBe(SERVER_NAME);
      expect(dr.spec.trafficPolicy?.loadBalancer).toEqual({ simple: 'ROUND_ROBIN' });
      expect(scenario(name).all('VirtualService')).toEqual([]);
    }
  });

  it('gives Istio routing DestinationRule subsets that select exactly the server Deployments’ pods', () => {
    for (const name of scenariosWhere(istioRouting)) {
      const r = scenario(name);
      const dr = asType<DestinationRule>(r.get('DestinationRule'));
      const deployments = serverDeployments(r);
      const subsets = dr.spec.subsets ?? [];
      expect(subsets.map((s) => s.name)).toEqual(['v1', 'v2']);
      for (const subset of subsets) {
        const selected = deployments.filter((d) => {
          const podLabels = d.spec.template.metadata.labels ?? {};
          return Object.entries(subset.labels ?? {}).every(([k, v]) => podLabels[k] === v);
        });
        expect(selected.map((d) => d.metadata.name)).toEqual([`${SERVER_NAME}-${subset.name}`]);
      }
    }
  });

  it('splits Istio routing with weights by a VirtualService on port 8080, as routing.weights say', () => {
    for (const name of scenariosWhere((n) => istioRouting(n) && weighted(n))) {
      const vs = asType<VirtualService>(scenario(name).get('VirtualService'));
      expect(vs.apiVersion).toBe(ISTIO_V1);
      expect(vs.spec.hosts).toEqual([SERVER_NAME]);
      const http = vs.spec.http ?? [];
      expect(http).toHaveLength(1);
      expect(http[0].match).toEqual([{ port: SERVER_PORT }]);
      const routes = (http[0].route ?? []).map((r) => [r.destination?.subset, r.weight]);
      expect({ name, weights: Object.fromEntries(routes) }).toEqual({
        name,
        weights: valuesOf(name).routing.weights,
      });
      for (const route of http[0].route ?? []) expect(route.destination?.host).toBe(SERVER_NAME);
    }
  });
});

describe('consistent-hash', () => {
  it('hashes on x-user in the DestinationRule instead of a simple policy', () => {
    const dr = asType<DestinationRule>(scenario('consistent-hash').get('DestinationRule'));
    expect(dr.spec.trafficPolicy?.loadBalancer).toEqual({
      consistentHash: { httpHeaderName: 'x-user' },
    });
  });

  it('has the helm test client send each user in turn and expect each to stick to one pod', () => {
    const args = testArgs(scenario('consistent-hash'));
    const users = valuesOf('consistent-hash').test.headers['x-user'];
    expect(users.length).toBeGreaterThanOrEqual(12);
    expect(args.filter((a) => a.startsWith('--header='))).toEqual(
      users.map((user) => `--header=x-user=${user}`),
    );
    expect(flagValue(args, 'expect')).toBe('sticky');
  });
});

describe('client-side-lb', () => {
  it('makes the Service headless and the client dial dns:/// with round_robin', () => {
    const args = testArgs(scenario('client-side-lb'));
    expect(flagValue(args, 'address')).toBe(`dns:///${SERVER_NAME}:${SERVER_PORT}`);
    expect(flagValue(args, 'lb')).toBe('round_robin');
    const service = asType<Service>(scenario('client-side-lb').get('Service', SERVER_NAME));
    expect(service.spec.clusterIP).toBe('None');
  });
});

describe('max-connection-age', () => {
  it('passes maxConnectionAge to every server and paces the test client', () => {
    for (const d of serverDeployments(scenario('max-connection-age'))) {
      expect(d.spec.template.spec.containers[0].args).toEqual(
        expect.arrayContaining(['--max-connection-age=250ms', '--max-connection-age-grace=250ms']),
      );
    }
    expect(flagValue(testArgs(scenario('max-connection-age')), 'interval')).toBe('10ms');
  });

  it('leaves the flag off in the other scenarios', () => {
    const args = serverDeployments(scenario('no-sidecar')).flatMap(
      (d) => d.spec.template.spec.containers[0].args ?? [],
    );
    expect(args.filter((a) => a.startsWith('--max-connection-age'))).toEqual([]);
  });
});

describe('proxyless', () => {
  const ns = installOf(scenarioFileOf('proxyless'))?.namespace;

  it('asks Istio for the grpc-agent template on every pod', () => {
    for (const pod of podsOf(scenario('proxyless'))) {
      expect({ owner: pod.owner, template: pod.annotations['inject.istio.io/templates'] }).toEqual({
        owner: pod.owner,
        template: 'grpc-agent',
      });
    }
  });

  it('holds the servers (and the test pod) until the agent has written the xDS bootstrap', () => {
    const hold = '{"holdApplicationUntilProxyStarts": true}';
    for (const d of serverDeployments(scenario('proxyless'))) {
      expect(d.spec.template.metadata.annotations?.['proxy.istio.io/config']).toBe(hold);
    }
    expect(testPod(scenario('proxyless')).metadata.annotations?.['proxy.istio.io/config']).toBe(
      hold,
    );
  });

  it('makes the client dial xds:/// with the Service FQDN in the release namespace', () => {
    expect(flagValue(testArgs(scenario('proxyless')), 'address')).toBe(
      `xds:///${SERVER_NAME}.${ns}.svc.cluster.local:${SERVER_PORT}`,
    );
  });

  it('adds no proxyless annotations in sidecar scenarios', () => {
    for (const pod of podsOf(scenario('weighted-90-10'))) {
      expect(pod.annotations['inject.istio.io/templates']).toBeUndefined();
    }
  });
});
