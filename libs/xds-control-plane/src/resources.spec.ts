import { buildSnapshot, TYPE_URLS, type XdsConfig } from './index';

const HOST = 'istio-grpc-server.ns.svc.cluster.local';
const ALL = `outbound|8080||${HOST}`;
const V1 = `outbound|8080|v1|${HOST}`;
const V2 = `outbound|8080|v2|${HOST}`;

const CONFIG: XdsConfig = {
  listenerName: `${HOST}:8080`,
  routeName: ALL,
  domains: [HOST, `${HOST}:8080`],
  clusters: [
    {
      name: ALL,
      endpoints: [
        { host: '127.0.0.1', port: 5001 },
        { host: '127.0.0.1', port: 5002 },
      ],
    },
    { name: V1, endpoints: [{ host: '127.0.0.1', port: 5001 }] },
    { name: V2, endpoints: [{ host: '127.0.0.1', port: 5002 }] },
  ],
  route: { cluster: ALL },
};
const WEIGHTED: XdsConfig = {
  ...CONFIG,
  route: {
    weighted: [
      { cluster: V1, weight: 90 },
      { cluster: V2, weight: 10 },
    ],
  },
};

const routeOf = (config: XdsConfig) =>
  buildSnapshot(config)[TYPE_URLS.route].resources.get(ALL) as unknown as {
    virtual_hosts: { name: string; domains: string[]; routes: { route: unknown }[] }[];
  };

describe('buildSnapshot', () => {
  it('Should name the Listener what the client dials (xds:///<host>:<port>) and point it at the route over RDS', () => {
    const listeners = buildSnapshot(CONFIG)[TYPE_URLS.listener].resources;
    expect([...listeners.keys()]).toEqual([`${HOST}:8080`]);
    expect(listeners.get(`${HOST}:8080`)).toMatchObject({
      '@type': TYPE_URLS.listener,
      api_listener: {
        api_listener: { rds: { route_config_name: ALL, config_source: { ads: {} } } },
      },
    });
  });

  it('Should route to the one cluster it is given, with the domains it is given', () => {
    expect(routeOf(CONFIG).virtual_hosts).toMatchObject([
      {
        name: `${HOST}:8080`,
        domains: [HOST, `${HOST}:8080`],
        routes: [{ route: { cluster: ALL } }],
      },
    ]);
  });

  it('Should route by weighted clusters when weights are given', () => {
    expect(routeOf(WEIGHTED).virtual_hosts[0].routes[0].route).toEqual({
      weighted_clusters: {
        clusters: [
          { name: V1, weight: { value: 90 } },
          { name: V2, weight: { value: 10 } },
        ],
      },
    });
  });

  it('Should serve EDS clusters with ROUND_ROBIN left implicit, as Istio’s generator does', () => {
    const clusters = buildSnapshot(CONFIG)[TYPE_URLS.cluster].resources;
    expect([...clusters.keys()]).toEqual([ALL, V1, V2]);
    expect(clusters.get(V1)).toEqual({
      '@type': TYPE_URLS.cluster,
      name: V1,
      type: 'EDS',
      eds_cluster_config: { eds_config: { ads: {}, resource_api_version: 'V3' }, service_name: V1 },
    });
  });

  it('Should carry LEAST_REQUEST into the Cluster when asked (a proxyless client NACKs it)', () => {
    const config = {
      ...CONFIG,
      clusters: CONFIG.clusters.map((c) => ({ ...c, lbPolicy: 'LEAST_REQUEST' as const })),
    };
    expect(buildSnapshot(config)[TYPE_URLS.cluster].resources.get(V1)).toMatchObject({
      lb_policy: 'LEAST_REQUEST',
    });
  });

  it('Should write RING_HASH with a 1024-entry ring and hash the route on the header, as istiod does', () => {
    const config: XdsConfig = {
      ...CONFIG,
      clusters: CONFIG.clusters.map((c) => ({ ...c, lbPolicy: 'RING_HASH' as const })),
      hashHeader: 'x-user',
    };
    expect(buildSnapshot(config)[TYPE_URLS.cluster].resources.get(ALL)).toMatchObject({
      lb_policy: 'RING_HASH',
      ring_hash_lb_config: { minimum_ring_size: { value: 1024 } },
    });
    expect(routeOf(config).virtual_hosts[0].routes[0].route).toEqual({
      cluster: ALL,
      hash_policy: [{ header: { header_name: 'x-user' } }],
    });
  });

  it("Should write a route's retry policy and fault as Istio does for proxyless clients", () => {
    const config: XdsConfig = {
      ...CONFIG,
      retry: { retryOn: 'unavailable', numRetries: 3 },
      fault: { abort: { percent: 10, grpcStatus: 10 }, delay: { percent: 5, delayMs: 1200 } },
    };
    expect(routeOf(config).virtual_hosts[0].routes[0]).toMatchObject({
      route: { cluster: ALL, retry_policy: { retry_on: 'unavailable', num_retries: { value: 3 } } },
      typed_per_filter_config: {
        'envoy.filters.http.fault': {
          abort: { grpc_status: 10, percentage: { numerator: 100_000, denominator: 'MILLION' } },
          delay: {
            fixed_delay: { seconds: 1, nanos: 200_000_000 },
            percentage: { numerator: 50_000, denominator: 'MILLION' },
          },
        },
      },
    });
    expect(routeOf(CONFIG).virtual_hosts[0].routes[0]).not.toHaveProperty(
      'typed_per_filter_config',
    );
  });

  it('Should put the fault filter before the router in every listener (the router must be last)', () => {
    const listener = buildSnapshot(CONFIG)[TYPE_URLS.listener].resources.get(CONFIG.listenerName);
    const manager = (
      listener as unknown as {
        api_listener: { api_listener: { http_filters: { name: string }[] } };
      }
    ).api_listener.api_listener;
    expect(manager.http_filters.map((f) => f.name)).toEqual([
      'envoy.filters.http.fault',
      'envoy.filters.http.router',
    ]);
  });

  it('Should give every locality a locality and a load_balancing_weight (grpc-js-xds needs both)', () => {
    const assignment = buildSnapshot(CONFIG)[TYPE_URLS.endpoint].resources.get(V2);
    expect(assignment).toMatchObject({
      cluster_name: V2,
      endpoints: [{ locality: { zone: 'loopback' }, load_balancing_weight: { value: 1 } }],
    });
  });

  it('Should change only the RouteConfiguration version when only the weights change', () => {
    const before = buildSnapshot(WEIGHTED);
    const after = buildSnapshot({
      ...WEIGHTED,
      route: {
        weighted: [
          { cluster: V1, weight: 0 },
          { cluster: V2, weight: 100 },
        ],
      },
    });
    const changed = Object.values(TYPE_URLS).filter(
      (type) => before[type].version !== after[type].version,
    );
    expect(changed).toEqual([TYPE_URLS.route]);
  });

  it('Should give the same versions to the same config (nothing to resend)', () => {
    const first = buildSnapshot(WEIGHTED);
    const second = buildSnapshot(structuredClone(WEIGHTED));
    for (const type of Object.values(TYPE_URLS))
      expect(second[type].version).toBe(first[type].version);
  });

  it('Should carry the route inside the Listener, and serve no RDS, when inlineRoute is set', () => {
    const snapshot = buildSnapshot({ ...WEIGHTED, inlineRoute: true });
    expect(snapshot[TYPE_URLS.route].resources.size).toBe(0);
    expect(snapshot[TYPE_URLS.listener].resources.get(`${HOST}:8080`)).toMatchObject({
      api_listener: { api_listener: { route_config: { name: ALL } } },
    });
  });

  it('Should serve a route to a cluster it does not have as is (the client fails those calls, as against istiod)', () => {
    const snapshot = buildSnapshot({
      ...CONFIG,
      route: { weighted: [{ cluster: 'outbound|8080|v3|x', weight: 100 }] },
    });
    expect(snapshot[TYPE_URLS.cluster].resources.has('outbound|8080|v3|x')).toBe(false);
  });
});
