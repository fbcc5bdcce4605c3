// The worlds the conformance test holds both planes to: every mesh render of the chart, a few
// edited as a user would edit their own manifests, and where each world's pods would be.
import { installOf, listScenarios, readRendered, scenarioFile } from '@grpc-greeter/helm';
import {
  type K8sObject,
  type LabWorld,
  parseManifests,
  readLabWorld,
} from '@grpc-greeter/manifests';
import { workspaceRoot } from '@grpc-greeter/testing';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { distinctLoopbacks } from '../src/cluster/pod-hosts';
import { podNamer } from '../src/cluster/pod-names';
import type { Pod } from '../src/cluster/pods';
import { pathOf } from '../src/paths/lab-path';

const CHART = join(workspaceRoot, 'charts/grpc-greeter');

export interface Case {
  name: string;
  world: LabWorld;
}

/** Every committed render (each phase too) whose client goes through the mesh. */
export function meshRenders(): Case[] {
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
export function edited(
  scenario: string,
  name: string,
  edit: (objects: K8sObject[]) => K8sObject[],
): Case {
  const namespace = installOf(scenarioFile(CHART, scenario))?.namespace ?? 'default';
  const objects = edit(parseManifests(readRendered(CHART, scenario) ?? '', scenario));
  const text = objects.map((o) => stringify(o)).join('---\n');
  return { name, world: readLabWorld(parseManifests(text, name), namespace, name) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Spec = Record<string, any>;

/** A third version: a v3 Deployment, subset and route, at 80/10/10. */
export function withThirdVersion(objects: K8sObject[]): K8sObject[] {
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
export function leastRequest(objects: K8sObject[]): K8sObject[] {
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
export function podsOf(world: LabWorld): Pod[] {
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
