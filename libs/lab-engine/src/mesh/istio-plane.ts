// Istio's own control plane behind the lab's mesh path: apps/istio-pilot runs Istio's discovery
// server (its config translation, push debouncing and proxyless-gRPC generator) over the objects a
// cluster would hold for this world: the manifests' Services and Istio/Gateway API config, and the
// Pods and EndpointSlices the kubelet and the endpoints controller would create for the lab's pods.
import {
  endpointSliceObject,
  type KubeObject,
  namespaceObject,
  podObject,
  startIstioPilot,
} from '@grpc-greeter/istio-control-plane';
import { type K8sObject, type LabWorld, selects } from '@grpc-greeter/manifests';
import type { Pod } from '../cluster/pods';
import { type MeshPlane, xdsTarget } from './mesh-plane';
import { isStandIn, standInBalancer } from './stand-in';

const CONFIG_KINDS = new Set(['DestinationRule', 'VirtualService', 'GRPCRoute', 'Gateway']);
// The client pod's identity: what its Istio agent would put in the bootstrap.
const CLIENT = { podName: 'istio-grpc-client-lab', ip: '127.0.0.254' };

/** A Service as the API server would store it: with a ClusterIP assigned, unless headless. */
function withClusterIp(service: K8sObject, index: number): KubeObject {
  const spec = (service.spec ?? {}) as Record<string, unknown>;
  if (spec['clusterIP']) return service;
  return { ...service, spec: { ...spec, clusterIP: `10.96.0.${index + 10}` } };
}

/** A DestinationRule with the load balancer standInBalancer gives the lab's client (stand-in.ts). */
function withBalancer(object: K8sObject, standIn: boolean, notes: string[]): K8sObject {
  const spec = object.spec as
    { trafficPolicy?: { loadBalancer?: { simple?: string } } } | undefined;
  const balancer = standInBalancer(spec?.trafficPolicy?.loadBalancer?.simple, standIn);
  if (object.kind !== 'DestinationRule' || !balancer.note) return object;
  notes.push(balancer.note);
  return {
    ...object,
    spec: {
      ...spec,
      trafficPolicy: { ...spec?.trafficPolicy, loadBalancer: { simple: balancer.simple } },
    },
  };
}

export function istioObjects(
  world: LabWorld,
  pods: readonly Pod[],
  standIn: boolean,
  notes: string[] = [],
) {
  const namespace = world.namespace;
  const inNamespace = (o: K8sObject): K8sObject => ({
    ...o,
    metadata: { ...o.metadata, namespace: o.metadata?.namespace ?? namespace },
  });
  const services = world.objects.filter((o) => o.kind === 'Service').map(inNamespace);
  const config = world.objects
    .filter((o) => CONFIG_KINDS.has(o.kind ?? ''))
    .map(inNamespace)
    .map((o) => withBalancer(o, standIn, notes));
  const running = pods.map((pod) => ({
    name: pod.hostname,
    namespace,
    labels: { ...pod.labels },
    ip: pod.host,
    port: pod.port,
  }));
  const slices = services.flatMap((service) => {
    const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector;
    const ports = (service.spec as { ports?: Array<{ name?: string }> } | undefined)?.ports ?? [];
    return running
      .filter((pod) => selects(selector, pod.labels))
      .map((pod) =>
        endpointSliceObject(
          { name: service.metadata?.name ?? '', portName: ports[0]?.name ?? '' },
          pod,
        ),
      );
  });
  const client = {
    name: CLIENT.podName,
    namespace,
    labels: { app: 'istio-grpc-client' },
    ip: CLIENT.ip,
    port: 1,
  };
  return [
    namespaceObject(namespace),
    ...services.map(withClusterIp),
    ...config,
    ...running.map((pod) => podObject(pod, 'grpc')),
    podObject(client),
    ...slices,
  ] as KubeObject[];
}

export async function startIstioPlane(
  world: LabWorld,
  pods: readonly Pod[],
  onProgress?: (line: string) => void,
): Promise<MeshPlane> {
  const standIn = isStandIn(world);
  let notes: string[] = [];
  const pilot = await startIstioPilot({
    objects: istioObjects(world, pods, standIn, notes),
    onProgress,
  });
  return {
    target: xdsTarget(world),
    clientEnv: {
      GRPC_XDS_BOOTSTRAP_CONFIG: pilot.bootstrap({ ...CLIENT, namespace: world.namespace }),
    },
    get notes() {
      return notes;
    },
    async update(next, nextPods) {
      const nextNotes: string[] = [];
      await pilot.apply(istioObjects(next, nextPods, standIn, nextNotes));
      notes = nextNotes;
    },
    close: () => pilot.close(),
  };
}
