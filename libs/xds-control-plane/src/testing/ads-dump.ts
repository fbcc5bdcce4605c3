// Reads what any ADS server (the builtin plane, Istio's) serves one proxyless client: it subscribes
// as grpc-js-xds does for one target (LDS for the name it dials, then RDS, CDS, EDS for what each
// answer names) and sums the answers up in a form two planes can be compared on.
import type { XdsBootstrap } from '@grpc-greeter/xds-bootstrap';
import { credentials, makeGenericClientConstructor, type ClientDuplexStream } from '@grpc/grpc-js';
import { adsServiceDefinition } from '../protos';
import { TYPE_URLS } from '../resources';
import { FAULT_FILTER_NAME } from '../route-policies';

// Each answer comes within milliseconds (Istio's debounce included); this only bounds a broken plane.
const ANSWER_BOUND_MS = 10_000;

export interface DumpOptions {
  /** The client's bootstrap: the server to ask, and the node to ask as (Istio reads its metadata). */
  bootstrap: XdsBootstrap;
  /** The name the client dials, `<host>:<port>` (the target without `xds:///`). */
  listener: string;
}

export type RouteAction =
  { cluster: string } | { weighted: Array<{ cluster: string; weight: number }> };

export interface AdsDump {
  listeners: string[];
  routeConfig: string;
  /** The first route of the virtual host that matches the listener name: what the client uses. */
  route: RouteAction;
  /** The listener's HTTP filters, by name, in order. */
  httpFilters: string[];
  /** That route's retry policy as grpc-js-xds reads it (gRFC A44), or null. */
  retry: { retryOn: string; numRetries: number } | null;
  /** That route's fault filter config (gRFC A33), as decoded, or null. */
  fault: Resource | null;
  /** Sorted by name; outlierDetection as decoded (gRFC A50 reads it), or null when not sent. */
  clusters: Array<{
    name: string;
    type: string;
    lbPolicy: string;
    outlierDetection: Resource | null;
  }>;
  /** EDS cluster name -> endpoints, `ip:port`, sorted. */
  endpoints: Record<string, string[]>;
}

/** A decoded resource: its fields in snake_case, nested Anys expanded with an '@type' key. */
type Resource = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Response {
  type_url: string;
  version_info: string;
  nonce: string;
  resources: Resource[];
}

export async function dumpAds(options: DumpOptions): Promise<AdsDump> {
  const Ads = makeGenericClientConstructor(adsServiceDefinition(true), 'ads');
  const client = new Ads(options.bootstrap.xds_servers[0].server_uri, credentials.createInsecure());
  const stream = (
    client as unknown as { StreamAggregatedResources(): ClientDuplexStream<object, Response> }
  ).StreamAggregatedResources();
  const ads = new Subscriber(stream, options.bootstrap.node);
  try {
    const listeners = await ads.fetch(TYPE_URLS.listener, [options.listener]);
    const routeConfig = String(
      listeners[0]?.['api_listener']?.['api_listener']?.['rds']?.['route_config_name'] ?? '',
    );
    const [routes] = await ads.fetch(TYPE_URLS.route, [routeConfig]);
    const first = firstRoute(routes, options.listener);
    const route = routeAction(first, options.listener, routes);
    const wanted = 'cluster' in route ? [route.cluster] : route.weighted.map((w) => w.cluster);
    const clusters = await ads.fetch(TYPE_URLS.cluster, wanted);
    const eds = clusters
      .filter((c) => c['type'] === 'EDS')
      .map((c) => String(c['eds_cluster_config']?.['service_name'] || c['name']));
    const assignments = eds.length ? await ads.fetch(TYPE_URLS.endpoint, eds) : [];
    return {
      listeners: listeners.map((l) => String(l['name'])).sort(),
      routeConfig,
      route,
      httpFilters: (
        (listeners[0]?.['api_listener']?.['api_listener']?.['http_filters'] ?? []) as Resource[]
      ).map((f) => String(f['name'])),
      retry: retryOf(first),
      fault: first?.['typed_per_filter_config']?.[FAULT_FILTER_NAME] ?? null,
      clusters: clusters
        .map((c) => ({
          name: String(c['name']),
          type: c['type'],
          lbPolicy: c['lb_policy'],
          outlierDetection: c['outlier_detection'] ?? null,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      endpoints: Object.fromEntries(assignments.map((a) => [a['cluster_name'], addresses(a)])),
    };
  } finally {
    stream.cancel();
    client.close();
  }
}

function firstRoute(config: Resource | undefined, listener: string): Resource | undefined {
  const hosts: Resource[] = config?.['virtual_hosts'] ?? [];
  const host = hosts.find((h) => (h['domains'] as string[]).includes(listener)) ?? hosts[0];
  return host?.['routes']?.[0];
}

function routeAction(first: Resource | undefined, listener: string, config: unknown): RouteAction {
  const action = first?.['route'];
  if (!action) throw new Error(`no route for ${listener} in ${JSON.stringify(config)}`);
  if (action['cluster']) return { cluster: action['cluster'] };
  const weighted: Resource[] = action['weighted_clusters']?.['clusters'] ?? [];
  return {
    weighted: weighted
      .map((w) => ({ cluster: String(w['name']), weight: Number(w['weight']?.['value'] ?? 0) }))
      .sort((a, b) => a.cluster.localeCompare(b.cluster)),
  };
}

function retryOf(first: Resource | undefined): AdsDump['retry'] {
  const policy = first?.['route']?.['retry_policy'];
  if (!policy) return null;
  return {
    retryOn: String(policy['retry_on']),
    numRetries: Number(policy['num_retries']?.['value']),
  };
}

function addresses(assignment: Resource): string[] {
  const localities: Resource[] = assignment['endpoints'] ?? [];
  return localities
    .flatMap((l) => (l['lb_endpoints'] ?? []) as Resource[])
    .map((e) => e['endpoint']?.['address']?.['socket_address'])
    .map((a) => `${a?.['address']}:${a?.['port_value']}`)
    .sort();
}

/** One ADS stream: asks for names of a type, ACKs every answer, keeps the last of each type. */
class Subscriber {
  private readonly last = new Map<string, Response>();
  private readonly subscribed = new Map<string, string[]>();
  private readonly waiting = new Map<string, (r: Response) => void>();
  private failure?: Error;

  constructor(
    private readonly stream: ClientDuplexStream<object, Response>,
    private readonly node: XdsBootstrap['node'],
  ) {
    stream.on('data', (response: Response) => {
      this.last.set(response.type_url, response);
      this.send(response.type_url, response);
      this.waiting.get(response.type_url)?.(response);
      this.waiting.delete(response.type_url);
    });
    stream.on('error', (error: Error) => (this.failure = error));
  }

  async fetch(typeUrl: string, names: string[]): Promise<Resource[]> {
    const answer = new Promise<Response>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(this.failure ?? new Error(`no ${typeUrl} answer for ${names.join(', ')}`)),
        ANSWER_BOUND_MS,
      );
      this.waiting.set(typeUrl, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    this.subscribed.set(typeUrl, names);
    this.send(typeUrl, this.last.get(typeUrl));
    return (await answer).resources;
  }

  private send(typeUrl: string, acking?: Response) {
    this.stream.write({
      node: { id: this.node.id, metadata: struct(this.node.metadata ?? {}) },
      type_url: typeUrl,
      resource_names: this.subscribed.get(typeUrl) ?? [],
      version_info: acking?.version_info ?? '',
      response_nonce: acking?.nonce ?? '',
    });
  }
}

// google.protobuf.Struct comes from protobufjs's built-in definitions, whose names are camelCase.
function struct(values: Record<string, string>) {
  return {
    fields: Object.fromEntries(
      Object.entries(values).map(([key, value]) => [key, { stringValue: value }]),
    ),
  };
}
