// The lab's side of a mesh scenario, for the tests: real greeter-servers as pods, the chart's
// rendered Service and Istio objects, and the built greeter-client dialling through Istio.
import { type ClientResult, type ReplyLine, runGreeterClient } from '@grpc-greeter/greeter-process';
import {
  helm,
  startGreeterServer,
  type GreeterServerProcess,
  workspaceRoot,
} from '@grpc-greeter/testing';
import { join } from 'node:path';
import { minKubeVersion } from '@grpc-greeter/helm';
import { parseAllDocuments } from 'yaml';
import {
  endpointSliceObject,
  namespaceObject,
  podObject,
  type RunningPod,
} from '../src/cluster-objects';
import type { IstioPilot, KubeObject } from '../src/index';
import { xdsTarget } from '../src/index';

export const NAMESPACE = 'grpc-sidecar';
export const SERVICE = { name: 'istio-grpc-server', portName: 'grpc-backend', port: 8080 };
export const TARGET = xdsTarget(SERVICE.name, NAMESPACE, SERVICE.port);
const CLIENT_POD = { podName: 'istio-grpc-client-0', namespace: NAMESPACE, ip: '127.0.0.1' };
// Istio finds a proxy's pod by the name in its node ID; without it, it warns for every client.
const CLIENT_RUNNING_POD = {
  name: CLIENT_POD.podName,
  namespace: NAMESPACE,
  labels: { app: 'istio-grpc-client' },
  ip: CLIENT_POD.ip,
  port: 0,
};

/** `helm template` of the chart with a scenario file, as objects in the release namespace. */
export async function renderChart(scenario: string, ...args: string[]): Promise<KubeObject[]> {
  const chart = join(workspaceRoot, 'charts/grpc-greeter');
  const result = await helm([
    'template',
    't',
    chart,
    '-n',
    NAMESPACE,
    '-f',
    join(chart, 'scenarios', `${scenario}.yaml`),
    '--kube-version',
    minKubeVersion(chart),
    ...args,
  ]);
  if (result.code !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((obj): obj is KubeObject => obj !== null)
    .map((obj) => ({ ...obj, metadata: { ...meta(obj), namespace: NAMESPACE } }));
}

function meta(obj: KubeObject): Record<string, unknown> {
  return obj['metadata'] as Record<string, unknown>;
}

export function ofKind(objects: readonly KubeObject[], kind: string): KubeObject[] {
  return objects.filter((obj) => obj['kind'] === kind);
}

/** The VirtualService with its route weights replaced (v1 first, as the chart renders them). */
export function withWeights(objects: readonly KubeObject[], ...weights: number[]): KubeObject[] {
  return objects.map((obj) => {
    if (obj['kind'] !== 'VirtualService') return obj;
    const copy = structuredClone(obj);
    const http = (copy['spec'] as { http: { route: { weight: number }[] }[] }).http;
    http[0].route.forEach((route, i) => (route.weight = weights[i]));
    return copy;
  });
}

export interface ServerPod extends RunningPod {
  process: GreeterServerProcess;
}

/**
 * Real greeter-servers as pods, each on its own loopback IP (127.0.0.2, ...): Istio merges a
 * Service's endpoints that share an address, whatever their ports (see apps/istio-pilot's tests).
 */
export async function startPods(versions: string[]): Promise<ServerPod[]> {
  return Promise.all(
    versions.map(async (version, i) => {
      const name = `${SERVICE.name}-${version}-${i}`;
      const ip = `127.0.0.${i + 2}`;
      const process = await startGreeterServer({ hostname: name, version, host: ip });
      return {
        name,
        namespace: NAMESPACE,
        labels: { app: SERVICE.name, version },
        ip,
        port: process.port,
        process,
      };
    }),
  );
}

/** What the lab hands Istio: the cluster's objects for these pods plus the chart's Istio objects. */
export function clusterObjects(rendered: readonly KubeObject[], pods: readonly RunningPod[]) {
  // The chart renders the tutorial's client Service too: take the server's by name.
  const service = ofKind(rendered, 'Service').find((s) => meta(s)['name'] === SERVICE.name);
  if (!service) throw new Error(`no Service ${SERVICE.name} in the render`);
  return [
    namespaceObject(NAMESPACE),
    // The API server would assign the cluster IP.
    { ...service, spec: { ...(service['spec'] as object), clusterIP: '10.96.0.10' } },
    podObject(CLIENT_RUNNING_POD),
    ...pods.flatMap((pod) => [podObject(pod, 'grpc'), endpointSliceObject(SERVICE, pod)]),
    ...ofKind(rendered, 'DestinationRule'),
    ...ofKind(rendered, 'VirtualService'),
  ];
}

/** The built greeter-client through Istio's xDS, to completion; `onReply` hears each reply. */
export async function runClient(
  pilot: IstioPilot,
  extra: string[],
  onReply?: (reply: ReplyLine) => void,
): Promise<ClientResult> {
  const run = await runGreeterClient([`--address=${TARGET}`, '--insecure', ...extra], {
    env: { GRPC_XDS_BOOTSTRAP_CONFIG: pilot.bootstrap(CLIENT_POD) },
    timeoutMs: 60_000,
    onReply,
  });
  if (!run.result) throw new Error(`greeter-client printed no result: ${run.stderr}`);
  return run.result;
}
