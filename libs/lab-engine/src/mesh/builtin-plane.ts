import type { LabWorld } from '@grpc-greeter/manifests';
import { startControlPlane } from '@grpc-greeter/xds-control-plane';
import type { Pod } from '../cluster/pods';
import { type MeshPlane, xdsTarget } from './mesh-plane';
import { isStandIn } from './stand-in';
import { translate } from './translate';

/** The lab's own istiod: translate.ts's resources served by the in-process xDS server. */
export async function startBuiltinPlane(world: LabWorld, pods: readonly Pod[]): Promise<MeshPlane> {
  const target = xdsTarget(world);
  const listenerName = target.slice('xds:///'.length);
  const standIn = isStandIn(world);
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
