import { buildSnapshot, TYPE_URLS, type XdsConfig } from './index';

const CONFIG: XdsConfig = {
  serviceName: 'istio-grpc-server',
  clusters: [
    { name: 'v1', endpoints: [{ host: '127.0.0.1', port: 5001 }] },
    { name: 'v2', endpoints: [{ host: '127.0.0.1', port: 5002 }] },
  ],
};
const WEIGHTED: XdsConfig = {
  ...CONFIG,
  route: [
    { cluster: 'v1', weight: 90 },
    { cluster: 'v2', weight: 10 },
  ],
};

const routeOf = (config: XdsConfig) =>
  buildSnapshot(config)[TYPE_URLS.route].resources.get('istio-grpc-server-routes') as unknown as {
    virtual_hosts: { domains: string[]; routes: { route: unknown }[] }[];
  };

describe('buildSnapshot', () => {
  it('Should name the Listener after the service, for clients dialing xds:///<service>', () => {
    const listeners = buildSnapshot(CONFIG)[TYPE_URLS.listener].resources;
    expect([...listeners.keys()]).toEqual(['istio-grpc-server']);
    expect(listeners.get('istio-grpc-server')).toMatchObject({
      '@type': TYPE_URLS.listener,
      api_listener: {
        api_listener: {
          rds: { route_config_name: 'istio-grpc-server-routes', config_source: { ads: {} } },
        },
      },
    });
  });

  it('Should route to one cluster holding every endpoint when no weights are given', () => {
    const snapshot = buildSnapshot(CONFIG);
    expect(routeOf(CONFIG).virtual_hosts).toMatchObject([
      { domains: ['istio-grpc-server'], routes: [{ route: { cluster: 'istio-grpc-server' } }] },
    ]);
    const everyEndpoint = snapshot[TYPE_URLS.endpoint].resources.get('istio-grpc-server');
    expect(everyEndpoint).toMatchObject({
      endpoints: [
        {
          lb_endpoints: [
            {
              endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: 5001 } } },
            },
            {
              endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: 5002 } } },
            },
          ],
        },
      ],
    });
  });

  it('Should route by weighted clusters when weights are given', () => {
    expect(routeOf(WEIGHTED).virtual_hosts[0].routes[0].route).toEqual({
      weighted_clusters: {
        clusters: [
          { name: 'v1', weight: { value: 90 } },
          { name: 'v2', weight: { value: 10 } },
        ],
      },
    });
  });

  it('Should serve EDS clusters balanced ROUND_ROBIN, one per version plus the service-wide one', () => {
    const clusters = buildSnapshot(CONFIG)[TYPE_URLS.cluster].resources;
    expect([...clusters.keys()]).toEqual(['v1', 'v2', 'istio-grpc-server']);
    expect(clusters.get('v1')).toEqual({
      '@type': TYPE_URLS.cluster,
      name: 'v1',
      type: 'EDS',
      eds_cluster_config: {
        eds_config: { ads: {}, resource_api_version: 'V3' },
        service_name: 'v1',
      },
      lb_policy: 'ROUND_ROBIN',
    });
  });

  it('Should give every locality a locality and a load_balancing_weight (grpc-js-xds needs both)', () => {
    const assignment = buildSnapshot(CONFIG)[TYPE_URLS.endpoint].resources.get('v2');
    expect(assignment).toMatchObject({
      cluster_name: 'v2',
      endpoints: [{ locality: { zone: 'loopback' }, load_balancing_weight: { value: 1 } }],
    });
  });

  it('Should list a shared endpoint once in the service-wide cluster', () => {
    const shared = { host: '127.0.0.1', port: 5001 };
    const config = {
      serviceName: 's',
      clusters: [
        { name: 'a', endpoints: [shared] },
        { name: 'b', endpoints: [shared] },
      ],
    };
    const assignment = buildSnapshot(config)[TYPE_URLS.endpoint].resources.get('s') as unknown as {
      endpoints: { lb_endpoints: unknown[] }[];
    };
    expect(assignment.endpoints[0].lb_endpoints).toHaveLength(1);
  });

  it('Should change only the RouteConfiguration version when only the weights change', () => {
    const before = buildSnapshot(WEIGHTED);
    const after = buildSnapshot({
      ...WEIGHTED,
      route: [
        { cluster: 'v1', weight: 0 },
        { cluster: 'v2', weight: 100 },
      ],
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
    expect(snapshot[TYPE_URLS.listener].resources.get('istio-grpc-server')).toMatchObject({
      api_listener: { api_listener: { route_config: { name: 'istio-grpc-server-routes' } } },
    });
  });

  it('Should refuse a route to a cluster it does not have', () => {
    expect(() => buildSnapshot({ ...CONFIG, route: [{ cluster: 'v3', weight: 100 }] })).toThrow(
      'route names unknown cluster v3',
    );
  });

  it('Should refuse a cluster named like the service (that name is the service-wide cluster)', () => {
    const clusters = [{ name: 'istio-grpc-server', endpoints: [] }];
    expect(() => buildSnapshot({ ...CONFIG, clusters })).toThrow(
      'cluster name istio-grpc-server is reserved',
    );
  });
});
