import type { Scenario } from '@grpc-greeter/scenario';
import {
  startControlPlane,
  type XdsConfig,
  type XdsControlPlane,
} from '@grpc-greeter/xds-control-plane';
import type { Pod } from './pods';

/** Cluster names as Istio spells them: `outbound|8080|v1|istio-grpc-server`. */
function clusterName(scenario: Scenario, subset: string): string {
  return `outbound|${scenario.port}|${subset}|${scenario.serverName}`;
}

/**
 * What istiod would compute from the Service, the DestinationRule subsets and the VirtualService
 * weights: with weights, one cluster per version subset and a weighted route; without, one cluster
 * holding every pod. Clusters always use ROUND_ROBIN (grpc-js NACKs LEAST_REQUEST).
 */
export function meshConfig(scenario: Scenario, pods: readonly Pod[]): XdsConfig {
  const endpointsOf = (version?: string) =>
    pods
      .filter((pod) => !version || pod.version === version)
      .map((pod) => ({ host: '127.0.0.1', port: pod.port }));
  if (scenario.routing.weights.length === 0) {
    return {
      serviceName: scenario.serverName,
      clusters: [{ name: clusterName(scenario, ''), endpoints: endpointsOf() }],
    };
  }
  return {
    serviceName: scenario.serverName,
    clusters: scenario.versions.map((v) => ({
      name: clusterName(scenario, v.name),
      endpoints: endpointsOf(v.name),
    })),
    route: scenario.routing.weights.map((w) => ({
      cluster: clusterName(scenario, w.version),
      weight: w.weight,
    })),
  };
}

/** The lab's istiod: serves the scenario over ADS; the client dials xds:///<service>. */
export async function startMesh(scenario: Scenario, pods: readonly Pod[]) {
  const controlPlane: XdsControlPlane = await startControlPlane({
    config: meshConfig(scenario, pods),
  });
  return {
    controlPlane,
    target: `xds:///${scenario.serverName}`,
    clientEnv: { GRPC_XDS_BOOTSTRAP_CONFIG: controlPlane.bootstrap() },
  };
}
