import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifests } from './parse';
import { readLabWorld } from './world';

const CHART = join(__dirname, '../../../charts/grpc-greeter');

function worldOf(file: string, namespace: string) {
  return readLabWorld(parseManifests(readFileSync(file, 'utf8'), file), namespace, file);
}

const rendered = (name: string, namespace: string) =>
  worldOf(join(CHART, 'rendered', `${name}.yaml`), namespace);

describe('readLabWorld on the chart’s renders', () => {
  it('Should read weighted-90-10 as Istio would: subsets, weights, sidecar client, the helm test verdict', () => {
    const world = rendered('weighted-90-10', 'grpc-sidecar');
    expect(world.target.service.fqdn).toBe('istio-grpc-server.grpc-sidecar.svc.cluster.local');
    expect(world.target.port).toMatchObject({
      port: 8080,
      name: 'grpc-backend',
      appProtocol: 'grpc',
    });
    expect(world.servers.map((s) => [s.name, s.replicas, s.version, s.mesh])).toEqual([
      ['istio-grpc-server-v1', 1, 'v1', 'sidecar'],
      ['istio-grpc-server-v2', 1, 'v2', 'sidecar'],
    ]);
    expect(world.destinationRules[0]).toMatchObject({
      host: 'istio-grpc-server.grpc-sidecar.svc.cluster.local',
      loadBalancer: 'ROUND_ROBIN',
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    });
    expect(world.routes[0].backends.map((b) => [b.subset, b.weight])).toEqual([
      ['v1', 90],
      ['v2', 10],
    ]);
    expect(world.client).toMatchObject({
      mesh: 'sidecar',
      expect: 'v1=90,v2=10',
      tolerance: '8',
      repeat: 200,
    });
    expect(world.client.args).not.toContain('--quit-istio-sidecar');
    expect(world.ignored).toEqual(['Deployment/istio-grpc-client']);
  });

  it('Should keep the server container’s own flags, minus the address the lab picks', () => {
    const world = rendered('max-connection-age', 'grpc-max-age');
    expect(world.servers[0].serverArgs).toEqual(
      expect.arrayContaining(['--max-connection-age=250ms', '--max-connection-age-grace=250ms']),
    );
    expect(world.servers[0].serverArgs.some((arg) => arg.startsWith('--address'))).toBe(false);
    expect(world.servers[0].port).toBe(8080);
  });

  it('Should see proxyless pods and the xds:/// target they dial', () => {
    const world = rendered('proxyless', 'grpc-proxyless');
    expect(world.client.mesh).toBe('proxyless');
    expect(world.client.target).toBe(
      'xds:///istio-grpc-server.grpc-proxyless.svc.cluster.local:8080',
    );
  });

  it('Should see a headless Service and the client’s round_robin', () => {
    const world = rendered('client-side-lb', 'grpc-client-lb');
    expect(world.target.service.headless).toBe(true);
    expect(world.client.args).toContain('--lb=round_robin');
  });
});

describe('readLabWorld on the tutorial’s own YAML', () => {
  const world = worldOf(
    join(__dirname, '../test/fixtures/tutorial-nosidecar.yaml'),
    'grpc-nosidecar',
  );

  it('Should run its istio-grpc-server images as greeter-servers, versions from the `version` label', () => {
    expect(world.servers.map((s) => [s.name, s.version, s.port, s.mesh])).toEqual([
      ['istio-grpc-server-v1', 'v1', 8080, 'none'],
      ['istio-grpc-server-v2', 'v2', 8080, 'none'],
    ]);
  });

  it('Should pick the Service that selects the servers, and have no verdict without a helm test pod', () => {
    expect(world.target.service.name).toBe('istio-grpc-server');
    expect(world.client).toMatchObject({
      target: 'istio-grpc-server:8080',
      repeat: 200,
      expect: undefined,
    });
  });
});

describe('parseManifests', () => {
  it('Should skip empty documents and unwrap a kind: List', () => {
    const objects = parseManifests(
      '---\n---\nkind: List\nitems:\n  - {kind: Service, metadata: {name: a}}\n  - {kind: Pod, metadata: {name: b}}\n',
      'x.yaml',
    );
    expect(objects.map((o) => o.kind)).toEqual(['Service', 'Pod']);
  });

  it('Should name the source and the parser’s first line on invalid YAML', () => {
    expect(() => parseManifests('a: [b\n', 'x.yaml')).toThrow(
      /^x\.yaml: invalid YAML: .+ at line \d+, column \d+$/,
    );
  });
});
