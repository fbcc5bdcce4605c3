// The newer data planes and routing API: ambient (ztunnel, L4), ambient with a waypoint (L7), and
// Gateway API routing (a GRPCRoute on the Service, weighted backendRefs to per-version Services).
// Rendered with the real helm; the Gateway API objects are validated by @kubernetes-models/gateway-api.
import { validateWithModels } from './support/models';
import { SERVER_NAME, SERVER_PORT } from './support/paths';
import { flagValue } from '@grpc-greeter/manifests';
import { asType, Gateway, GRPCRoute, Service, testPod } from './support/pods';
import { render, Rendered } from './support/render';

const GATEWAY_V1 = 'gateway.networking.k8s.io/v1';
const WAYPOINT = `${SERVER_NAME}-waypoint`;

function scenario(name: string): Promise<Rendered> {
  return render({ scenario: name, apiVersions: ['networking.istio.io/v1'] });
}

const expectArg = async (name: string) =>
  flagValue(testPod(await scenario(name)).spec.containers[0].args ?? [], 'expect');

describe.each(['gateway-api-90-10', 'ambient-waypoint'])('routing.api gateway-api: %s', (name) => {
  it('renders a GRPCRoute (v1) whose only parentRef is the server Service', async () => {
    const route = asType<GRPCRoute>((await scenario(name)).get('GRPCRoute'));
    expect(route.apiVersion).toBe(GATEWAY_V1);
    expect(route.spec.parentRefs).toEqual([{ group: '', kind: 'Service', name: SERVER_NAME }]);
  });

  it('weights its backendRefs 90/10 over one Service per version, on the server port', async () => {
    const route = asType<GRPCRoute>((await scenario(name)).get('GRPCRoute'));
    expect(route.spec.rules).toHaveLength(1);
    expect(route.spec.rules[0].backendRefs).toEqual([
      { name: `${SERVER_NAME}-v1`, port: SERVER_PORT, weight: 90 },
      { name: `${SERVER_NAME}-v2`, port: SERVER_PORT, weight: 10 },
    ]);
  });

  it('gives each backend Service the app + version selector and the main Service’s port', async () => {
    const r = await scenario(name);
    const main = asType<Service>(r.get('Service', SERVER_NAME));
    for (const version of ['v1', 'v2']) {
      const backend = asType<Service>(r.get('Service', `${SERVER_NAME}-${version}`));
      expect(backend.spec.selector).toEqual({ app: SERVER_NAME, version });
      expect(backend.spec.ports).toEqual(main.spec.ports);
      expect(backend.spec.clusterIP).toBeUndefined();
    }
  });

  it('renders no DestinationRule or VirtualService', async () => {
    const kinds = (await scenario(name)).objects.map((o) => o.kind);
    expect(kinds).not.toContain('DestinationRule');
    expect(kinds).not.toContain('VirtualService');
  });

  it('validates the Gateway API objects against their CRD schemas', async () => {
    const objects = (await scenario(name)).objects.filter((o) => o.apiVersion === GATEWAY_V1);
    expect(objects.length).toBeGreaterThan(0);
    const results = await validateWithModels(objects);
    expect(results.map((x) => x.error)).toEqual(objects.map(() => null));
  });

  it('expects v1=90,v2=10 in helm test: an L7 hop applies the weights', async () => {
    expect(await expectArg(name)).toBe('v1=90,v2=10');
  });
});

describe('Gateway API schema check', () => {
  it('rejects a GRPCRoute with a negative weight (the validation can fail)', async () => {
    const route = asType<GRPCRoute>((await scenario('gateway-api-90-10')).get('GRPCRoute'));
    const broken = structuredClone(route);
    broken.spec.rules[0].backendRefs[0].weight = -1;
    const [result] = await validateWithModels([broken as never]);
    expect(result.error).toContain('weight');
  });
});

describe('ambient without a waypoint', () => {
  it('renders no waypoint and no istio.io/use-waypoint label', async () => {
    const r = await scenario('ambient');
    expect(r.all('Gateway')).toEqual([]);
    expect(r.get('Service', SERVER_NAME).metadata.labels).not.toHaveProperty(
      'istio.io/use-waypoint',
    );
  });

  it('expects one-pod in helm test: ztunnel balances connections, not requests', async () => {
    expect(await expectArg('ambient')).toBe('one-pod');
  });

  it('does not ask an injected proxy to quit (there is none)', async () => {
    const args = testPod(await scenario('ambient')).spec.containers[0].args ?? [];
    expect(args).not.toContain('--quit-istio-sidecar');
  });
});

describe('ambient with a waypoint', () => {
  it('renders the waypoint Gateway as `istioctl waypoint generate --for service` does', async () => {
    const gateway = asType<Gateway>((await scenario('ambient-waypoint')).get('Gateway'));
    expect(gateway.apiVersion).toBe(GATEWAY_V1);
    expect(gateway.metadata.name).toBe(WAYPOINT);
    expect(gateway.metadata.labels['istio.io/waypoint-for']).toBe('service');
    expect(gateway.spec).toEqual({
      gatewayClassName: 'istio-waypoint',
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    });
  });

  it('labels the server Service (only) istio.io/use-waypoint with the Gateway’s name', async () => {
    const r = await scenario('ambient-waypoint');
    const labelled = r
      .all('Service')
      .filter((s) => s.metadata.labels?.['istio.io/use-waypoint'] !== undefined)
      .map((s) => [s.metadata.name, s.metadata.labels?.['istio.io/use-waypoint']]);
    expect(labelled).toEqual([[SERVER_NAME, WAYPOINT]]);
  });
});

describe('the expectation ambient derives, with the same values otherwise', () => {
  it.each([
    [
      'no waypoint, VirtualService weights (ztunnel ignores them)',
      ['routing.enabled=true', 'routing.weights.v1=80', 'routing.weights.v2=20'],
      'one-pod',
    ],
    ['a waypoint, no routing', ['mesh.waypoint=true'], 'v1=50,v2=50'],
    [
      'a waypoint and VirtualService weights',
      [
        'mesh.waypoint=true',
        'routing.enabled=true',
        'routing.weights.v1=80',
        'routing.weights.v2=20',
      ],
      'v1=80,v2=20',
    ],
    ['no waypoint, maxConnectionAge', ['server.maxConnectionAge=1s'], 'many-pods'],
  ])('%s: %s', async (_case, set, expected) => {
    const r = await render({ scenario: 'ambient', set });
    expect(flagValue(testPod(r).spec.containers[0].args ?? [], 'expect')).toBe(expected);
  });
});
