// The expectation grammar shared with greeter-client's --expect and the chart's helm test
// (`one-pod`, `many-pods`, or percent by version `v1=90,v2=10`), and the chart's rule for deriving
// one when test.expect is "" (templates/_helpers.tpl, grpc-greeter.expectOrError).
import type { ChartValues } from './values';

export type Expectation =
  | { kind: 'one-pod'; spec: 'one-pod' }
  | { kind: 'many-pods'; spec: 'many-pods' }
  | { kind: 'split'; spec: string; percent: Readonly<Record<string, number>> };

/** Parses a spec already checked against the grammar (see checks.ts). */
export function parseExpect(spec: string): Expectation {
  if (spec === 'one-pod') return { kind: spec, spec };
  if (spec === 'many-pods') return { kind: spec, spec };
  const percent: Record<string, number> = {};
  for (const pair of spec.split(',')) {
    const [version, value] = pair.split('=');
    percent[version] = Number(value);
  }
  return { kind: 'split', spec, percent };
}

/** What a "" test.expect stands for, or why the chart refuses to guess. */
export type Derived = { spec: string } | { error: string };

/**
 * The chart's derivation: VirtualService weights under a mesh (every version, in server.versions
 * order, missing ones 0); replica shares when something balances per request (a mesh, or a
 * headless Service + round_robin); many-pods when maxConnectionAge forces reconnects; else one-pod.
 */
export function deriveExpect(values: ChartValues): Derived {
  const { server, service, client, mesh, routing } = values;
  const meshOn = mesh.sidecar || mesh.proxyless;
  const perRequest = meshOn || (service.headless && client.lbPolicy === 'round_robin');
  const total = server.versions.reduce((sum, version) => sum + version.replicas, 0);
  const weights = routing.weights;
  if (meshOn && routing.enabled && Object.keys(weights).length) {
    return { spec: server.versions.map(({ name }) => `${name}=${weights[name] ?? 0}`).join(',') };
  }
  if (perRequest && meshOn && routing.enabled && routing.loadBalancer === 'PASSTHROUGH') {
    return {
      error:
        'cannot be derived: routing.loadBalancer PASSTHROUGH leaves the split to kube-proxy; set test.expect',
    };
  }
  if (perRequest && total === 0) {
    return {
      error:
        'cannot be derived: server.versions have 0 replicas in total; set test.expect or add replicas',
    };
  }
  if (perRequest) {
    // Integer shares as the template computes them; the last version takes the rounding rest.
    let given = 0;
    const parts = server.versions.map(({ name, replicas }, i) => {
      const share =
        i === server.versions.length - 1 ? 100 - given : Math.floor((100 * replicas) / total);
      given += share;
      return `${name}=${share}`;
    });
    return { spec: parts.join(',') };
  }
  if (server.maxConnectionAge !== '' && server.maxConnectionAge !== '0') {
    if (total < 2) {
      return {
        error:
          'cannot be derived: server.maxConnectionAge can only spread connections over 2+ replicas; set test.expect',
      };
    }
    return { spec: 'many-pods' };
  }
  return { spec: 'one-pod' };
}
