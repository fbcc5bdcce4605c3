// The builtin plane held to Istio's: for every mesh scenario of the chart (and one world outside
// it), both planes are started for the same world and pods, and what a proxyless client subscribes
// to (listener, route, clusters, endpoints) must be the same. Where they differ, translate.ts is
// wrong, not this test.
import { installOf, listScenarios, readRendered, scenarioFile } from '@grpc-greeter/helm';
import {
  type K8sObject,
  type LabWorld,
  parseManifests,
  readLabWorld,
} from '@grpc-greeter/manifests';
import { workspaceRoot } from '@grpc-greeter/testing';
import { startControlPlane, type XdsConfig } from '@grpc-greeter/xds-control-plane';
import { type AdsDump, dumpAds } from '@grpc-greeter/xds-control-plane/testing';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { pathOf } from '../src/paths/lab-path';
import { startIstioPlane } from '../src/mesh/istio-plane';
import { startBuiltinPlane } from '../src/mesh/builtin-plane';
import type { MeshPlane } from '../src/mesh/mesh-plane';
import { translate } from '../src/mesh/translate';
import { distinctLoopbacks } from '../src/cluster/pod-hosts';
import { podNamer } from '../src/cluster/pod-names';
import type { Pod } from '../src/cluster/pods';

const CHART = join(workspaceRoot, 'charts/grpc-greeter');
// Istio's pilot processes start in parallel on 2 shared cores: far above the ~10 s they take.
jest.setTimeout(120_000);

interface Case {
  name: string;
  world: LabWorld;
}

/** Every committed render (each phase too) whose client goes through the mesh. */
function meshRenders(): Case[] {
  return listScenarios(CHART).flatMap((name) => {
    const namespace = installOf(scenarioFile(CHART, name))?.namespace ?? 'default';
    const cases: Case[] = [];
    for (let phase = 1; ; phase++) {
      const text = readRendered(CHART, name, phase);
      if (text === undefined) break;
      const label = phase > 1 ? `${name} (phase ${phase})` : name;
      const world = readLabWorld(parseManifests(text, label), namespace, label);
      if (pathOf(world) === 'mesh') cases.push({ name: label, world });
    }
    return cases;
  });
}

/** A committed render, edited as a user would edit their own manifests. */
function edited(scenario: string, name: string, edit: (objects: K8sObject[]) => K8sObject[]): Case {
  const namespace = installOf(scenarioFile(CHART, scenario))?.namespace ?? 'default';
  const objects = edit(parseManifests(readRendered(CHART, scenario) ?? '', scenario));
  const text = objects.map((o) => stringify(o)).join('---\n');
  return { name, world: readLabWorld(parseManifests(text, name), namespace, name) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Spec = Record<string, any>;

/** A third version: a v3 Deployment, subset and route, at 80/10/10. */
function withThirdVersion(objects: K8sObject[]): K8sObject[] {
  const v3: K8sObject[] = [];
  for (const object of objects) {
    const spec = object.spec as Spec;
    if (object.kind === 'Deployment' && object.metadata?.name === 'istio-grpc-server-v2') {
      v3.push(JSON.parse(JSON.stringify(object).replaceAll('v2', 'v3')) as K8sObject);
    } else if (object.kind === 'DestinationRule') {
      spec['subsets'].push({ name: 'v3', labels: { version: 'v3' } });
    } else if (object.kind === 'VirtualService') {
      const [v1, v2] = spec['http'][0]['route'];
      v1.weight = 80;
      v2.weight = 10;
      spec['http'][0]['route'].push({ ...v2, destination: { ...v2.destination, subset: 'v3' } });
    }
  }
  return [...objects, ...v3];
}

/** The DestinationRule balancing LEAST_REQUEST, which a proxyless client refuses and Envoy honours. */
function leastRequest(objects: K8sObject[]): K8sObject[] {
  for (const object of objects) {
    if (object.kind === 'DestinationRule') {
      (object.spec as Spec)['trafficPolicy'] = { loadBalancer: { simple: 'LEAST_REQUEST' } };
    }
  }
  return objects;
}

/**
 * Where each replica would be: the planes read a pod's IP, port, name and labels, never its
 * process, so no greeter-server is started. Each pod has its own loopback IP, as Istio needs.
 */
function podsOf(world: LabWorld): Pod[] {
  const host = distinctLoopbacks();
  let port = 20_000;
  return world.servers.flatMap((server) => {
    const name = podNamer(server.name, server.templateHash);
    return Array.from(
      { length: server.replicas },
      () =>
        ({
          host: host(),
          port: port++,
          hostname: name(),
          version: server.version,
          labels: server.labels,
          deployment: server.name,
          templateHash: server.templateHash,
        }) as Pod,
    );
  });
}

async function dumpOf(plane: MeshPlane): Promise<AdsDump> {
  const bootstrap = JSON.parse(plane.clientEnv['GRPC_XDS_BOOTSTRAP_CONFIG'] ?? '{}');
  return dumpAds({ bootstrap, listener: plane.target.slice('xds:///'.length) });
}

async function dumpWith(start: () => Promise<MeshPlane>): Promise<AdsDump> {
  const plane = await start();
  try {
    return await dumpOf(plane);
  } finally {
    await plane.close();
  }
}

const THREE_SUBSETS = 'weighted-90-10 with v3, 80/10/10';
const cases = [
  ...meshRenders(),
  edited('weighted-90-10', THREE_SUBSETS, withThirdVersion),
  edited('proxyless', 'proxyless with LEAST_REQUEST', leastRequest),
  edited('weighted-90-10', 'sidecar with LEAST_REQUEST', leastRequest),
];
const pods = new Map(cases.map((c) => [c.name, podsOf(c.world)]));
let istio: Map<string, AdsDump>;
const started = Date.now();

beforeAll(async () => {
  // One Istio pilot per world, all at once: each spends most of its start waiting on informers.
  // allSettled: every plane is closed before a failure is reported.
  const dumps = await Promise.allSettled(
    cases.map((c) => dumpWith(() => startIstioPlane(c.world, pods.get(c.name) ?? []))),
  );
  istio = new Map(
    cases.map((c, i) => {
      const dump = dumps[i];
      if (dump.status === 'rejected') throw new Error(`${c.name}: ${dump.reason}`);
      return [c.name, dump.value];
    }),
  );
});

afterAll(() => {
  console.log(`conformance: ${cases.length} worlds, both planes, in ${Date.now() - started} ms`);
});

describe('The builtin plane serves what Istio serves a proxyless client', () => {
  it("Should find the chart's mesh scenarios among its renders", () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining(['weighted-90-10', 'proxyless', 'gateway-api-90-10', 'v2-only']),
    );
  });

  it('Should give the edited worlds what they ask Istio for', () => {
    const route = istio.get(THREE_SUBSETS)?.route;
    expect(route && 'weighted' in route && route.weighted.map((w) => w.weight)).toEqual([
      80, 10, 10,
    ]);
    const policies = (name: string) => istio.get(name)?.clusters.map((c) => c.lbPolicy);
    expect(new Set(policies('proxyless with LEAST_REQUEST'))).toEqual(new Set(['LEAST_REQUEST']));
    // The sidecar's stand-in is a proxyless client: the lab asks Istio for what it can use.
    expect(new Set(policies('sidecar with LEAST_REQUEST'))).toEqual(new Set(['ROUND_ROBIN']));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const builtin = await dumpWith(() => startBuiltinPlane(c.world, pods.get(c.name) ?? []));
    expect(builtin).toEqual(istio.get(c.name));
  });
});

describe('The comparison', () => {
  const weighted = cases.find((c) => c.name === 'weighted-90-10') as Case;
  const wrongly = async (edit: (config: XdsConfig) => void) => {
    const listener = `${weighted.world.target.service.fqdn}:${weighted.world.target.port.port}`;
    const { config } = translate(weighted.world, pods.get(weighted.name) ?? [], listener, true);
    edit(config);
    const plane = await startControlPlane({ config });
    try {
      return await dumpAds({ bootstrap: JSON.parse(plane.bootstrap()), listener });
    } finally {
      await plane.close();
    }
  };

  it('Should fail for a builtin plane with the weights swapped', async () => {
    const dump = await wrongly((config) => {
      if (!('weighted' in config.route)) throw new Error('weighted-90-10 has no weighted route');
      const [a, b] = config.route.weighted;
      [a.weight, b.weight] = [b.weight, a.weight];
    });
    expect(dump).not.toEqual(istio.get(weighted.name));
    expect({ ...dump, route: istio.get(weighted.name)?.route }).toEqual(istio.get(weighted.name));
  });

  it('Should fail for a builtin plane with a cluster renamed', async () => {
    const dump = await wrongly((config) => {
      for (const cluster of config.clusters) cluster.name = cluster.name.replace('|v2|', '|two|');
      if ('weighted' in config.route) {
        for (const w of config.route.weighted) w.cluster = w.cluster.replace('|v2|', '|two|');
      }
    });
    expect(dump).not.toEqual(istio.get(weighted.name));
  });
});
