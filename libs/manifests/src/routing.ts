// Traffic rules as Istio reads them: DestinationRule subsets and load balancer, VirtualService and
// GRPCRoute weights. Only the first rule that routes is modelled: the chart renders one, catch-all.
import { resolveHost } from './hosts';
import { asArray, asRecord, asStringMap, type K8sObject, objectName } from './objects';

export interface Subset {
  name: string;
  labels: Record<string, string>;
}

export interface DestinationPolicy {
  source: string;
  /** FQDN. */
  host: string;
  /** trafficPolicy.loadBalancer.simple, when set. */
  loadBalancer?: string;
  /** trafficPolicy.loadBalancer.consistentHash.httpHeaderName, when set: ring hash on that header. */
  hashHeader?: string;
  subsets: Subset[];
}

export interface RouteBackend {
  /** FQDN of the destination Service. */
  host: string;
  port?: number;
  subset?: string;
  weight: number;
}

export interface ServiceRoute {
  source: string;
  /** FQDN of the Service the rule applies to. */
  host: string;
  backends: RouteBackend[];
  /** The rule's `retries` and `fault`, as written (VirtualService only). */
  retries?: Record<string, unknown>;
  fault?: Record<string, unknown>;
}

export function readDestinationRule(object: K8sObject, namespace: string): DestinationPolicy {
  const spec = asRecord(object.spec);
  const balancer = asRecord(asRecord(spec['trafficPolicy'])['loadBalancer']);
  const simple = balancer['simple'];
  const header = asRecord(balancer['consistentHash'])['httpHeaderName'];
  return {
    source: objectName(object),
    host: resolveHost(String(spec['host'] ?? ''), namespace),
    loadBalancer: simple === undefined ? undefined : String(simple),
    ...(header === undefined ? {} : { hashHeader: String(header) }),
    subsets: asArray(spec['subsets']).map((raw) => {
      const subset = asRecord(raw);
      return { name: String(subset['name'] ?? ''), labels: asStringMap(subset['labels']) };
    }),
  };
}

/** One route per host the VirtualService names; a lone destination without a weight takes 100. */
export function readVirtualService(object: K8sObject, namespace: string): ServiceRoute[] {
  const spec = asRecord(object.spec);
  const rule = asArray(spec['http'])
    .map(asRecord)
    .find((r) => asArray(r['route']).length > 0);
  const destinations = asArray(rule?.['route']).map(asRecord);
  const backends = destinations.map((entry): RouteBackend => {
    const destination = asRecord(entry['destination']);
    const port = asRecord(destination['port'])['number'];
    return {
      host: resolveHost(String(destination['host'] ?? ''), namespace),
      port: port === undefined ? undefined : Number(port),
      subset: destination['subset'] === undefined ? undefined : String(destination['subset']),
      weight: Number(entry['weight'] ?? (destinations.length === 1 ? 100 : 0)),
    };
  });
  const policies = {
    ...(rule?.['retries'] !== undefined && { retries: asRecord(rule['retries']) }),
    ...(rule?.['fault'] !== undefined && { fault: asRecord(rule['fault']) }),
  };
  return asArray(spec['hosts']).map((host) => ({
    source: objectName(object),
    host: resolveHost(String(host), namespace),
    backends,
    ...policies,
  }));
}

/** GAMMA: a GRPCRoute whose parentRefs are Services; backendRefs weigh 1 unless told otherwise. */
export function readGrpcRoute(object: K8sObject, namespace: string): ServiceRoute[] {
  const spec = asRecord(object.spec);
  const rule = asArray(spec['rules'])
    .map(asRecord)
    .find((r) => asArray(r['backendRefs']).length > 0);
  const backends = asArray(rule?.['backendRefs']).map((raw): RouteBackend => {
    const ref = asRecord(raw);
    return {
      host: resolveHost(
        `${String(ref['name'] ?? '')}.${String(ref['namespace'] ?? namespace)}`,
        namespace,
      ),
      port: ref['port'] === undefined ? undefined : Number(ref['port']),
      weight: Number(ref['weight'] ?? 1),
    };
  });
  return asArray(spec['parentRefs'])
    .map(asRecord)
    .filter((ref) => ref['kind'] === 'Service')
    .map((ref) => ({
      source: objectName(object),
      host: resolveHost(
        `${String(ref['name'] ?? '')}.${String(ref['namespace'] ?? namespace)}`,
        namespace,
      ),
      backends,
    }));
}
