import type { LabWorld } from '@grpc-greeter/manifests';

const LEAST_REQUEST_NOTE = 'LEAST_REQUEST: Envoy balances by least requests; the lab round-robins';

/**
 * Whether the lab's proxyless client stands in for something else: the client really has an Envoy
 * sidecar (or a waypoint) in front of it. Only a real proxyless client is what the lab runs.
 */
export function isStandIn(world: LabWorld): boolean {
  return world.client.mesh !== 'proxyless';
}

/**
 * The load balancer a DestinationRule's `simple` policy gives the lab's client, and the note when it
 * is not the one asked for. Envoy honours LEAST_REQUEST; a proxyless gRPC client NACKs it
 * (grpc-js-xds 1.14), so a stand-in gets ROUND_ROBIN instead, and says so. Both planes apply this.
 */
export function standInBalancer(
  simple: string | undefined,
  standIn: boolean,
): { simple: string | undefined; note?: string } {
  return standIn && simple === 'LEAST_REQUEST'
    ? { simple: 'ROUND_ROBIN', note: LEAST_REQUEST_NOTE }
    : { simple };
}
