// Pure builders: a plain config in, one versioned xDS snapshot out. No transport here.
// Types are grpc-js-xds's own generated ones (type-only imports, erased at runtime), so a field the
// client would not understand fails the typecheck rather than a test.
import type { AnyExtension } from '@grpc/proto-loader';
import type { Cluster } from '@grpc/grpc-js-xds/build/src/generated/envoy/config/cluster/v3/Cluster';
import type { ClusterLoadAssignment } from '@grpc/grpc-js-xds/build/src/generated/envoy/config/endpoint/v3/ClusterLoadAssignment';
import type { Listener } from '@grpc/grpc-js-xds/build/src/generated/envoy/config/listener/v3/Listener';
import type { RouteConfiguration } from '@grpc/grpc-js-xds/build/src/generated/envoy/config/route/v3/RouteConfiguration';
import type { HttpConnectionManager } from '@grpc/grpc-js-xds/build/src/generated/envoy/extensions/filters/network/http_connection_manager/v3/HttpConnectionManager';
import { createHash } from 'node:crypto';
import {
  FAULT_FILTER_NAME,
  FAULT_TYPE_URL,
  makeFault,
  makeRetryPolicy,
  type XdsFault,
  type XdsRetry,
} from './route-policies';

export const TYPE_URLS = {
  listener: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  route: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  cluster: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  endpoint: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
} as const;
export type ResourceTypeUrl = (typeof TYPE_URLS)[keyof typeof TYPE_URLS];

const HCM_TYPE_URL =
  'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const ROUTER_TYPE_URL = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router';

export interface XdsEndpoint {
  /** An IP literal: grpc-js-xds rejects host names in endpoints. */
  host: string;
  port: number;
}

/**
 * The policies grpc-js-xds and Istio's proxyless generator speak; anything else is NACKed.
 * RING_HASH picks by the hash of the route's hash policy (gRFC A42), as Istio's consistentHash does.
 */
export type LbPolicy = 'ROUND_ROBIN' | 'LEAST_REQUEST' | 'RING_HASH';

// Istio's ring size when a DestinationRule's consistentHash names none (Envoy's default too).
const MINIMUM_RING_SIZE = 1024;

export interface XdsCluster {
  name: string;
  endpoints: readonly XdsEndpoint[];
  /** Default ROUND_ROBIN, left implicit as Istio leaves it. */
  lbPolicy?: LbPolicy;
}

export interface WeightedCluster {
  cluster: string;
  weight: number;
}

export interface XdsConfig {
  /** What the client dials as `xds:///<listenerName>`, e.g. `svc.ns.svc.cluster.local:8080`. */
  listenerName: string;
  /** The RouteConfiguration's name (Istio uses the service's cluster key). */
  routeName: string;
  /** The virtual host's domains. */
  domains: readonly string[];
  clusters: readonly XdsCluster[];
  /**
   * One cluster, or weighted clusters. A name missing from `clusters` is served as is: the client
   * then fails the calls routed there, as it would against istiod.
   */
  route: { cluster: string } | { weighted: readonly WeightedCluster[] };
  /** The request header a RING_HASH cluster hashes on (the route's hash_policy). */
  hashHeader?: string;
  /** The route's retry policy (a VirtualService's `retries`). */
  retry?: XdsRetry;
  /** The route's fault injection (a VirtualService's `fault`). */
  fault?: XdsFault;
  /** Put the RouteConfiguration inside the Listener instead of serving it over RDS. */
  inlineRoute?: boolean;
}

/** A resource as proto-loader encodes it into a google.protobuf.Any. */
export type XdsResource = AnyExtension;

export interface TypeSnapshot {
  /** A digest of the resources: it changes exactly when they do, so unchanged types are not resent. */
  version: string;
  resources: ReadonlyMap<string, XdsResource>;
}

export type Snapshot = Readonly<Record<ResourceTypeUrl, TypeSnapshot>>;

// Endpoints must carry a locality (grpc-js-xds NACKs without one); one shared locality is enough.
const LOCALITY = { region: 'lab', zone: 'loopback' };

/** Builds every resource for `config`. */
export function buildSnapshot(config: XdsConfig): Snapshot {
  const routeConfig = makeRouteConfiguration(config);
  const listener = makeListener(config.listenerName, routeConfig, config.inlineRoute);
  return {
    [TYPE_URLS.listener]: typeSnapshot([[config.listenerName, listener]]),
    [TYPE_URLS.route]: typeSnapshot(
      config.inlineRoute ? [] : [[config.routeName, { '@type': TYPE_URLS.route, ...routeConfig }]],
    ),
    [TYPE_URLS.cluster]: typeSnapshot(config.clusters.map((c) => [c.name, makeCluster(c)])),
    [TYPE_URLS.endpoint]: typeSnapshot(config.clusters.map((c) => [c.name, makeLoadAssignment(c)])),
  };
}

function makeListener(
  name: string,
  routeConfig: RouteConfiguration & { name: string },
  inline = false,
) {
  const manager: HttpConnectionManager & AnyExtension = {
    '@type': HCM_TYPE_URL,
    ...(inline
      ? { route_config: routeConfig }
      : {
          rds: {
            route_config_name: routeConfig.name,
            config_source: { ads: {}, resource_api_version: 'V3' },
          },
        }),
    // grpc-js-xds requires the router filter to be the last HTTP filter. Like Istio's proxyless
    // listener, the fault filter is always in the chain, empty: a route's config turns it on.
    http_filters: [
      { name: FAULT_FILTER_NAME, typed_config: { '@type': FAULT_TYPE_URL } },
      { name: 'envoy.filters.http.router', typed_config: { '@type': ROUTER_TYPE_URL } },
    ],
  };
  const listener: Listener = { name, api_listener: { api_listener: manager } };
  return { '@type': TYPE_URLS.listener, ...listener };
}

function makeRouteConfiguration(config: XdsConfig) {
  const action =
    'weighted' in config.route
      ? {
          weighted_clusters: {
            clusters: config.route.weighted.map(({ cluster, weight }) => ({
              name: cluster,
              weight: { value: weight },
            })),
          },
        }
      : { cluster: config.route.cluster };
  const retry = config.retry && { retry_policy: makeRetryPolicy(config.retry) };
  const fault = config.fault && {
    typed_per_filter_config: { [FAULT_FILTER_NAME]: makeFault(config.fault) },
  };
  const routeConfig: RouteConfiguration & { name: string } = {
    name: config.routeName,
    virtual_hosts: [
      {
        name: config.listenerName,
        domains: [...config.domains],
        routes: [
          {
            match: { prefix: '' },
            route: {
              ...action,
              ...retry,
              ...(config.hashHeader
                ? { hash_policy: [{ header: { header_name: config.hashHeader } }] }
                : {}),
            },
            ...fault,
          },
        ],
      },
    ],
  };
  return routeConfig;
}

function makeCluster({ name, lbPolicy }: XdsCluster) {
  const cluster: Cluster = {
    name,
    type: 'EDS',
    eds_cluster_config: { eds_config: { ads: {}, resource_api_version: 'V3' }, service_name: name },
    // Like Istio's generator: ROUND_ROBIN is the proto default and stays unset.
    ...(lbPolicy && lbPolicy !== 'ROUND_ROBIN' ? { lb_policy: lbPolicy } : {}),
    ...(lbPolicy === 'RING_HASH'
      ? { ring_hash_lb_config: { minimum_ring_size: { value: MINIMUM_RING_SIZE } } }
      : {}),
  };
  return { '@type': TYPE_URLS.cluster, ...cluster };
}

function makeLoadAssignment({ name, endpoints }: XdsCluster) {
  const assignment: ClusterLoadAssignment = {
    cluster_name: name,
    endpoints: [
      {
        locality: LOCALITY,
        // Without a locality weight grpc-js-xds drops the whole locality.
        load_balancing_weight: { value: 1 },
        lb_endpoints: endpoints.map(({ host, port }) => ({
          endpoint: { address: { socket_address: { address: host, port_value: port } } },
          health_status: 'HEALTHY',
        })),
      },
    ],
  };
  return { '@type': TYPE_URLS.endpoint, ...assignment };
}

function typeSnapshot(entries: Array<[string, XdsResource]>): TypeSnapshot {
  const resources = new Map(entries);
  const version = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 12);
  return { version, resources };
}
