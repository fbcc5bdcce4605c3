// The builtin plane's istiod: the Service, DestinationRule and VirtualService (or GRPCRoute) of the
// lab's world turned into the resources Istio's proxyless generator serves (pilot/pkg/networking/
// grpcgen): listener `<host>:<port>`, route and clusters named `outbound|<port>|<subset>|<fqdn>`.
import type { LabWorld, ServiceModel } from '@grpc-greeter/manifests';
import type { LbPolicy, XdsCluster, XdsConfig } from '@grpc-greeter/xds-control-plane';
import { selected, type Pod } from '../cluster/pods';
import { faultOf, retryOf } from './route-policy';
import { standInBalancer } from './stand-in';

/** Istio's cluster key (model.BuildSubsetKey). */
export function clusterKey(port: number, subset: string, fqdn: string): string {
  return `outbound|${port}|${subset}|${fqdn}`;
}

export interface Translation {
  config: XdsConfig;
  /** What the lab approximates, one line each (shown under the table). */
  notes: string[];
}

/** `standIn`: see stand-in.ts; such a client gets the policy standInBalancer gives it. */
export function translate(
  world: LabWorld,
  pods: readonly Pod[],
  listenerName: string,
  standIn: boolean,
): Translation {
  const { service, port } = world.target;
  const notes: string[] = [];
  const endpointsOf = (svc: ServiceModel, labels: Record<string, string> = {}) =>
    selected(pods, svc.selector, ...(Object.keys(labels).length ? [labels] : [])).map((pod) => ({
      host: pod.host,
      port: pod.port,
    }));
  const policy = world.destinationRules.find((dr) => dr.host === service.fqdn);
  const balancer = standInBalancer(policy?.loadBalancer, standIn);
  if (balancer.note) notes.push(balancer.note);
  // Round robin is the xDS default: only LEAST_REQUEST and consistentHash's ring hash are written out.
  const hashHeader = policy?.hashHeader;
  const lbPolicy: LbPolicy | undefined = hashHeader
    ? 'RING_HASH'
    : balancer.simple === 'LEAST_REQUEST'
      ? 'LEAST_REQUEST'
      : undefined;
  const clusters: XdsCluster[] = [
    { name: clusterKey(port.port, '', service.fqdn), endpoints: endpointsOf(service), lbPolicy },
    ...(policy?.subsets ?? []).map((subset) => ({
      name: clusterKey(port.port, subset.name, service.fqdn),
      endpoints: endpointsOf(service, subset.labels),
      lbPolicy,
    })),
  ];
  const route = world.routes.find((r) => r.host === service.fqdn);
  // GRPCRoute backends are other Services (one per version): each is a cluster of its own.
  for (const backend of route?.backends ?? []) {
    const other = world.services.find((s) => s.fqdn === backend.host && s !== service);
    const name = clusterKey(backend.port ?? port.port, '', backend.host);
    if (other && !clusters.some((c) => c.name === name)) {
      clusters.push({ name, endpoints: endpointsOf(other), lbPolicy });
    }
  }
  const routeName = clusterKey(port.port, '', service.fqdn);
  const destinations = (route?.backends ?? []).map((b) => ({
    cluster: clusterKey(b.port ?? port.port, b.subset ?? '', b.host),
    weight: b.weight,
  }));
  notes.push(
    ...unroutable(
      destinations.length ? destinations : [{ cluster: routeName, weight: 1 }],
      clusters,
      route?.source,
    ),
  );
  return {
    notes,
    config: {
      listenerName,
      routeName,
      domains: [service.fqdn, `${service.fqdn}:${port.port}`, listenerName],
      clusters,
      route: routeAction(destinations, routeName),
      ...(hashHeader ? { hashHeader } : {}),
      retry: retryOf(route),
      fault: faultOf(route),
    },
  };
}

/**
 * Istio's rule (pilot/pkg/networking/core/route/route.go, applyHTTPRouteDestination): no route is
 * the Service's own cluster, one destination is a plain cluster, and of several, those weighted 0
 * are left out.
 */
function routeAction(
  destinations: ReadonlyArray<{ cluster: string; weight: number }>,
  serviceCluster: string,
): XdsConfig['route'] {
  if (destinations.length === 0) return { cluster: serviceCluster };
  if (destinations.length === 1) return { cluster: destinations[0].cluster };
  return { weighted: destinations.filter((d) => d.weight > 0) };
}

/** What Istio does with calls routed nowhere, said where the objects ask for it. */
function unroutable(
  routed: ReadonlyArray<{ cluster: string; weight: number }>,
  clusters: readonly XdsCluster[],
  source = 'the default route',
): string[] {
  return routed
    .filter((r) => r.weight > 0)
    .flatMap(({ cluster }) => {
      const found = clusters.find((c) => c.name === cluster);
      if (!found) {
        return [
          `${source} routes to ${cluster}, which no DestinationRule subset or Service defines: ` +
            'Envoy answers those calls 503 (no cluster); a proxyless client waits for the cluster and fails them',
        ];
      }
      return found.endpoints.length === 0
        ? [
            `${cluster} has no endpoints (no pod matches): no healthy upstream, Envoy 503 / gRPC UNAVAILABLE`,
          ]
        : [];
    });
}
