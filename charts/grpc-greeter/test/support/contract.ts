// What the shared contract fixes for every scenario: its namespace and the split the client must
// observe. Tests compare the chart, the scenario files, skaffold.yaml and NOTES.txt against this.
export interface ScenarioContract {
  namespace: string;
  expect: string;
  /** What joins the pods: nothing, an injected proxy (sidecar, proxyless) or ambient's ztunnel. */
  mesh: 'none' | 'sidecar' | 'proxyless' | 'ambient';
}

export const SCENARIOS: Record<string, ScenarioContract> = {
  'no-sidecar': { namespace: 'grpc-nosidecar', expect: 'one-pod', mesh: 'none' },
  'sidecar-round-robin': { namespace: 'grpc-sidecar', expect: 'v1=50,v2=50', mesh: 'sidecar' },
  'weighted-90-10': { namespace: 'grpc-sidecar', expect: 'v1=90,v2=10', mesh: 'sidecar' },
  'v2-only': { namespace: 'grpc-sidecar', expect: 'v1=0,v2=100', mesh: 'sidecar' },
  'client-side-lb': { namespace: 'grpc-client-lb', expect: 'v1=50,v2=50', mesh: 'none' },
  'max-connection-age': { namespace: 'grpc-max-age', expect: 'many-pods', mesh: 'none' },
  proxyless: { namespace: 'grpc-proxyless', expect: 'v1=50,v2=50', mesh: 'proxyless' },
  // When the world changes (apps/lab/phases/<name>.yaml): expectations of phase 1, as helm test sees it.
  'scale-up-no-sidecar': { namespace: 'grpc-nosidecar', expect: 'one-pod', mesh: 'none' },
  'scale-up-client-side-lb': { namespace: 'grpc-client-lb', expect: 'v1=50,v2=50', mesh: 'none' },
  'scale-up-max-connection-age': { namespace: 'grpc-max-age', expect: 'many-pods', mesh: 'none' },
  'scale-up-mesh': { namespace: 'grpc-sidecar', expect: 'v1=50,v2=50', mesh: 'sidecar' },
  'rolling-update-no-drain': { namespace: 'grpc-nosidecar', expect: 'one-pod', mesh: 'none' },
  'rolling-update-drain': { namespace: 'grpc-nosidecar', expect: 'one-pod', mesh: 'none' },
  'rolling-update-mesh': { namespace: 'grpc-sidecar', expect: 'v1=50,v2=50', mesh: 'sidecar' },
  // Newer data planes and routing APIs.
  ambient: { namespace: 'grpc-ambient', expect: 'one-pod', mesh: 'ambient' },
  'ambient-waypoint': { namespace: 'grpc-ambient', expect: 'v1=90,v2=10', mesh: 'ambient' },
  'gateway-api-90-10': { namespace: 'grpc-sidecar', expect: 'v1=90,v2=10', mesh: 'sidecar' },
};

/** Whether Istio injects a proxy or agent into the scenario's pods (ambient injects nothing). */
export function injected(contract: ScenarioContract): boolean {
  return contract.mesh === 'sidecar' || contract.mesh === 'proxyless';
}

export const SERVER_NAME = 'istio-grpc-server';
export const CLIENT_NAME = 'istio-grpc-client';
export const SERVER_PORT = 8080;
