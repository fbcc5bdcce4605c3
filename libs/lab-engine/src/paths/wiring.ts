import type { LabWorld } from '@grpc-greeter/manifests';
import { distinctLoopbacks, type PodHosts, sharedLoopback } from '../cluster/pod-hosts';
import { selected, type Pod } from '../cluster/pods';
import { startBuiltinPlane } from '../mesh/builtin-plane';
import { startIstioPlane } from '../mesh/istio-plane';
import type { MeshPlane } from '../mesh/mesh-plane';
import { KubeProxyClusterIp } from './kube-proxy';
import { pathOf } from './lab-path';

/** What the client dials and how the lab keeps it pointed at the world's pods. */
export interface Wiring {
  target: string;
  env?: NodeJS.ProcessEnv;
  notes: readonly string[];
  /** Applies a new world (routing, endpoints) without restarting the client. */
  update(world: LabWorld, pods: readonly Pod[]): Promise<void>;
  close(): Promise<void>;
}

/** Who plays istiod on the mesh path: the lab's own plane, or Istio's pilot (apps/istio-pilot). */
export type ControlPlaneKind = 'builtin' | 'istio';

/** The pod addresses a control plane needs: Istio's one per pod, the others' the portable default. */
export function podHostsFor(controlPlane: ControlPlaneKind | undefined): PodHosts {
  return controlPlane === 'istio' ? distinctLoopbacks() : sharedLoopback;
}

export interface WiringOptions {
  /** The ClusterIP simulation's random source (lab --seed). */
  random?: () => number;
  /** Who plays istiod on the mesh path (default builtin). */
  controlPlane?: ControlPlaneKind;
  /** Progress lines (e.g. the first build of Istio's control plane). */
  onProgress?: (line: string) => void;
}

const backendsOf = (world: LabWorld, pods: readonly Pod[]) =>
  selected(pods, world.target.service.selector).map((pod) => ({
    host: pod.host,
    port: pod.port,
  }));

function noEndpoints(world: LabWorld, pods: readonly Pod[], consequence: string): string[] {
  const { service } = world.target;
  return backendsOf(world, pods).length
    ? []
    : [`${service.source} selects no pods: ${consequence}`];
}

/** Puts the right thing between client and pods for the world's path (see LabPath). */
export async function wire(
  world: LabWorld,
  pods: readonly Pod[],
  options: WiringOptions = {},
): Promise<Wiring> {
  switch (pathOf(world)) {
    case 'kube-proxy':
    case 'ztunnel': {
      // ztunnel balances per connection too: for one HTTP/2 connection it is the same L4 pick.
      const clusterIp = new KubeProxyClusterIp(backendsOf(world, pods), options.random);
      const port = await clusterIp.listen();
      return {
        target: `127.0.0.1:${port}`,
        notes: noEndpoints(
          world,
          pods,
          'kube-proxy rejects connections to a ClusterIP without endpoints',
        ),
        update: async (next, nextPods) => clusterIp.setBackends(backendsOf(next, nextPods)),
        close: () => clusterIp.close(),
      };
    }
    case 'client-side': {
      // What DNS returns for a headless Service: every ready pod's address, resolved once.
      const addresses = backendsOf(world, pods).map((b) => `${b.host}:${b.port}`);
      return {
        target: `ipv4:${addresses.join(',')}`,
        notes: noEndpoints(
          world,
          pods,
          'DNS answers a headless Service without endpoints with no address',
        ),
        update: async () => undefined,
        close: async () => undefined,
      };
    }
    case 'mesh': {
      const plane: MeshPlane =
        options.controlPlane === 'istio'
          ? await startIstioPlane(world, pods, options.onProgress)
          : await startBuiltinPlane(world, pods);
      return {
        target: plane.target,
        env: plane.clientEnv,
        get notes() {
          return plane.notes;
        },
        update: (next, nextPods) => plane.update(next, nextPods),
        close: () => plane.close(),
      };
    }
  }
}
