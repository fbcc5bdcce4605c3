import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startControlPlane,
  TYPE_URLS,
  type XdsConfig,
  type XdsControlPlane,
} from '@grpc-greeter/xds-control-plane';
import { runGreeterClient } from '@grpc-greeter/greeter-process';
import { appNode, startGreeterServer, type GreeterServerProcess } from '@grpc-greeter/testing';
import { POD, type StandIn, startStandIn } from './stand-in';

// What istiod's proxyless generator serves for Service `greeter` port 8080 of namespace `ns`: a
// listener named by the FQDN, one cluster for the Service and one per subset (version).
const LISTENER = `greeter.${POD.namespace}.svc.cluster.local:8080`;
const ALL = `outbound|8080||greeter.${POD.namespace}.svc.cluster.local`;
const subset = (version: string) =>
  `outbound|8080|${version}|greeter.${POD.namespace}.svc.cluster.local`;
// The tolerance for a weighted split over 200 calls.
const TOLERANCE_POINTS = 8;

let servers: GreeterServerProcess[];
let plane: XdsControlPlane;
let standIn: StandIn;

function config(weights?: { v1: number; v2: number }): XdsConfig {
  const endpointOf = (server: GreeterServerProcess) => ({ host: '127.0.0.1', port: server.port });
  return {
    listenerName: LISTENER,
    routeName: ALL,
    domains: [LISTENER, 'greeter', `greeter.${POD.namespace}`],
    clusters: [
      { name: ALL, endpoints: servers.map(endpointOf) },
      ...servers.map((server) => ({
        name: subset(server.version),
        endpoints: [endpointOf(server)],
      })),
    ],
    route: weights
      ? {
          weighted: [
            { cluster: subset('v1'), weight: weights.v1 },
            { cluster: subset('v2'), weight: weights.v2 },
          ],
        }
      : { cluster: ALL },
  };
}

/** The app container: greeter-client with the grpc_proxy the node gives an injected pod. */
function runApp(args: string[]) {
  return runGreeterClient(['--insecure=true', ...args], {
    node: appNode(),
    env: {
      grpc_proxy: `http://${standIn.started.outbound}`,
      no_grpc_proxy: 'localhost,127.0.0.1',
    },
    timeoutMs: 30_000,
  });
}

function percentOf(part: number | undefined, whole: number): number {
  return (100 * (part ?? 0)) / whole;
}

beforeAll(async () => {
  servers = await Promise.all([
    startGreeterServer({ version: 'v1' }),
    startGreeterServer({ version: 'v2' }),
  ]);
  plane = await startControlPlane({ config: config() });
  standIn = await startStandIn({ xds: `${plane.host}:${plane.port}` });
});

afterAll(async () => {
  await standIn?.stop();
  await plane?.close();
  await Promise.all(servers?.map((server) => server.stop()) ?? []);
});

describe('an app calling a Service name through the stand-in', () => {
  it('Should present the pod as istio-agent does, proxyless generator included', () => {
    expect(standIn.started.node).toBe(
      `sidecar~${POD.ip}~${POD.name}.${POD.namespace}~${POD.namespace}.svc.cluster.local`,
    );
  });

  it('Should spread 100 calls of one channel over both pods, about 50:50', async () => {
    const run = await runApp(['--address=greeter:8080', '--repeat=100']);

    expect(run.stderr).toBe('');
    expect(run.result).toMatchObject({ ok: 100, failed: 0 });
    expect(Math.abs(percentOf(run.result?.byVersion.v1, 100) - 50)).toBeLessThanOrEqual(
      TOLERANCE_POINTS,
    );
    expect(Math.abs(percentOf(run.result?.byVersion.v2, 100) - 50)).toBeLessThanOrEqual(
      TOLERANCE_POINTS,
    );
  });

  it('Should follow the weights the control plane pushes, 90:10 then 0:100', async () => {
    // The stand-in subscribes to a Service once an app first calls it, as a proxyless client does.
    expect((await runApp(['--address=greeter:8080', '--repeat=1'])).result?.ok).toBe(1);
    for (const weights of [
      { v1: 90, v2: 10 },
      { v1: 0, v2: 100 },
    ]) {
      await waitForRouteAck(plane.setSnapshot(config(weights))[TYPE_URLS.route].version);
      const run = await runApp(['--address=greeter.ns:8080', '--repeat=200']);

      expect(run.result).toMatchObject({ ok: 200, failed: 0 });
      expect(Math.abs(percentOf(run.result?.byVersion.v1, 200) - weights.v1)).toBeLessThanOrEqual(
        TOLERANCE_POINTS,
      );
    }
  });

  it("Should end a call to a Service no route serves at the app's deadline", async () => {
    const run = await runApp([
      '--address=nowhere:8080',
      '--repeat=1',
      '--retries=0',
      '--timeout=2s',
    ]);

    expect(run.result).toMatchObject({ ok: 0, failed: 1, errors: { DEADLINE_EXCEEDED: 1 } });
  });

  it("Should relay a pod's own failure status to the app", async () => {
    const failing = await startGreeterServer({ version: 'v3', args: ['--failure-rate=1'] });
    try {
      const endpoints = [{ host: '127.0.0.1', port: failing.port }];
      const routed = config();
      await waitForRouteAck(
        plane.setSnapshot({
          ...routed,
          clusters: [...routed.clusters, { name: 'v3', endpoints }],
          route: { cluster: 'v3' },
        })[TYPE_URLS.route].version,
      );
      const run = await runApp(['--address=greeter:8080', '--repeat=3', '--retries=0']);

      expect(run.result).toMatchObject({ ok: 0, failed: 3, errors: { UNAVAILABLE: 3 } });
    } finally {
      plane.setSnapshot(config());
      await failing.stop();
    }
  });
});

describe('a proxyless app (grpc-agent template) with the bootstrap the stand-in wrote', () => {
  it('Should reach both pods through xds:/// with GRPC_XDS_BOOTSTRAP pointing at that file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'stand-in-')), 'grpc-bootstrap.json');
    const agent = await startStandIn({
      xds: `${plane.host}:${plane.port}`,
      env: { DISABLE_ENVOY: 'true', GRPC_XDS_BOOTSTRAP: path },
    });
    try {
      const run = await runGreeterClient(
        ['--insecure=true', `--address=xds:///${LISTENER}`, '--repeat=20'],
        { node: appNode(), env: { GRPC_XDS_BOOTSTRAP: path }, timeoutMs: 30_000 },
      );

      expect(run.result).toMatchObject({ ok: 20, failed: 0 });
      expect(Object.keys(run.result?.byVersion ?? {}).sort()).toEqual(['v1', 'v2']);
    } finally {
      await agent.stop();
    }
  });
});

function waitForRouteAck(version: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ACK of routes ${version}`)), 10_000);
    const listener = (ack: { typeUrl: string; version: string }) => {
      if (ack.typeUrl !== TYPE_URLS.route || ack.version !== version) return;
      clearTimeout(timer);
      plane.events.off('ack', listener);
      resolve();
    };
    plane.events.on('ack', listener);
  });
}
