import { parseGoDuration } from '@grpc-greeter/cli-kit';
import { deriveExpect, type Expectation, parseExpect } from './expect';
import type { ChartValues, LbPolicy, LoadBalancer } from './values';

/**
 * How the lab reproduces the scenario on loopback:
 * - `kube-proxy`: no mesh; a ClusterIP picks one pod per TCP connection (L4), so one HTTP/2
 *   connection sticks to one pod.
 * - `client-side`: headless Service + round_robin; the client balances per request over pod IPs.
 * - `mesh`: sidecar or proxyless; per-request balancing and weights come from xDS.
 */
export type LabPath = 'kube-proxy' | 'client-side' | 'mesh';

export interface VersionSpec {
  name: string;
  replicas: number;
}

export interface VersionWeight {
  version: string;
  weight: number;
}

export interface Scenario {
  /** File name without extension: `weighted-90-10`. */
  name: string;
  /** The scenario file as the user should see it in messages (relative to cwd when inside it). */
  file: string;
  description: string;
  path: LabPath;
  serverName: string;
  port: number;
  versions: readonly VersionSpec[];
  sidecar: boolean;
  proxyless: boolean;
  routing: {
    enabled: boolean;
    loadBalancer: LoadBalancer;
    /** In server.versions order; empty when routing.weights is `{}`. */
    weights: readonly VersionWeight[];
  };
  headless: boolean;
  /** Headless Service and round_robin: the client itself spreads requests over the pods. */
  clientSideLb: boolean;
  /** As written; `""` lets the chart choose (`<server.name>:<port>`, or `xds:///<fqdn>:<port>` when proxyless). */
  client: { target: string; lbPolicy: LbPolicy };
  /** 0 = off. */
  maxConnectionAgeMs: number;
  maxConnectionAgeGraceMs: number;
  test: {
    enabled: boolean;
    /** test.expect, else the chart's derivation; null when the chart refuses to derive one. */
    expect: Expectation | null;
    /** Percentage points. */
    tolerance: number;
    repeat: number;
    /** 0 = back to back. */
    intervalMs: number;
  };
  /** The merged, validated values (for consistency checks against `helm template`). */
  values: ChartValues;
}

// greeter-server's own default for --max-connection-age-grace, used when the value is "".
const DEFAULT_GRACE_MS = 5000;

/** Derives the lab's view of validated chart values. */
export function deriveScenario(values: ChartValues, name: string, file: string): Scenario {
  const { server, service, client, mesh, routing, test } = values;
  const clientSideLb = service.headless && client.lbPolicy === 'round_robin';
  const derived = test.expect ? { spec: test.expect } : deriveExpect(values);
  return {
    name,
    file,
    description: values.scenario.description,
    path: mesh.sidecar || mesh.proxyless ? 'mesh' : clientSideLb ? 'client-side' : 'kube-proxy',
    serverName: server.name,
    port: server.port,
    versions: server.versions.map(({ name, replicas }) => ({ name, replicas })),
    sidecar: mesh.sidecar,
    proxyless: mesh.proxyless,
    routing: {
      enabled: routing.enabled,
      loadBalancer: routing.loadBalancer,
      weights: server.versions
        .filter((version) => version.name in routing.weights)
        .map((version) => ({ version: version.name, weight: routing.weights[version.name] })),
    },
    headless: service.headless,
    clientSideLb,
    client: { target: client.target, lbPolicy: client.lbPolicy },
    // Validation guarantees the chart's duration pattern, which the cli-kit parser accepts.
    maxConnectionAgeMs: server.maxConnectionAge ? parseGoDuration(server.maxConnectionAge) : 0,
    maxConnectionAgeGraceMs: server.maxConnectionAgeGrace
      ? parseGoDuration(server.maxConnectionAgeGrace)
      : DEFAULT_GRACE_MS,
    test: {
      enabled: test.enabled,
      expect: 'spec' in derived ? parseExpect(derived.spec) : null,
      tolerance: test.tolerance,
      repeat: test.repeat,
      intervalMs: test.interval ? parseGoDuration(test.interval) : 0,
    },
    values,
  };
}
