import type { LabWorld } from '@grpc-greeter/manifests';
import type { Pod } from '../cluster/pods';
import { pathOf } from '../paths/lab-path';
import type { ControlPlaneKind } from '../paths/wiring';
import type { LiveState } from './live-lab';

/** What the live view shows of a running world: its path, pods, weights and replicas. */
export function liveState(
  scenario: string,
  world: LabWorld,
  pods: readonly Pod[],
  controlPlane: ControlPlaneKind,
  scenarios: string[],
): LiveState {
  const route = world.routes.find((r) => r.host === world.target.service.fqdn);
  const path = pathOf(world);
  return {
    scenario,
    path,
    controlPlane: path === 'mesh' ? controlPlane : null,
    pods: pods.map((pod) => ({ hostname: pod.hostname, version: pod.version, ready: true })),
    weights: route
      ? Object.fromEntries(route.backends.map((b) => [b.subset ?? b.host.split('.')[0], b.weight]))
      : null,
    replicas: Object.fromEntries(world.servers.map((s) => [s.version ?? s.name, s.replicas])),
    scenarios,
  };
}
