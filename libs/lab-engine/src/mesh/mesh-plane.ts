import type { LabWorld } from '@grpc-greeter/manifests';
import type { Pod } from '../cluster/pods';

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
