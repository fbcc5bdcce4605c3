import type { LabWorld } from '@grpc-greeter/manifests';
import { startControlPlane } from '@grpc-greeter/xds-control-plane';
import type { Pod } from '../cluster/pods';
import { translate } from './translate';

/** The lab's istiod, whichever implements it: the client dials `target` with `clientEnv`. */
export interface MeshPlane {
  readonly target: string;
  readonly clientEnv: NodeJS.ProcessEnv;
  /** What the lab approximates for this world, one line each. */
  readonly notes: readonly string[];
  /** Pushes the world's routing and the pods' endpoints, as istiod does on a change. */
  update(world: LabWorld, pods: readonly Pod[]): Promise<void>;
  close(): Promise<void>;
}

/** The name a proxyless pod dials, `xds:///<fqdn>:<port>`, unless the render names another. */
export function xdsTarget(world: LabWorld): string {
  const rendered = world.client.target;
  if (world.client.mesh === 'proxyless' && rendered.startsWith('xds:///')) return rendered;
  return `xds:///${world.target.service.fqdn}:${world.target.port.port}`;
}

export async function startBuiltinPlane(world: LabWorld, pods: readonly Pod[]): Promise<MeshPlane> {
  const target = xdsTarget(world);
  const listenerName = target.slice('xds:///'.length);
  const standIn = world.client.mesh !== 'proxyless';
  let translation = translate(world, pods, listenerName, standIn);
  const plane = await startControlPlane({ config: translation.config });
  return {
    target,
    clientEnv: { GRPC_XDS_BOOTSTRAP_CONFIG: plane.bootstrap() },
    get notes() {
      return translation.notes;
    },
    async update(next, nextPods) {
      translation = translate(next, nextPods, listenerName, standIn);
      plane.setSnapshot(translation.config);
    },
    close: () => plane.close(),
  };
}
