// What the shared contract fixes for every scenario: its namespace and the split the client must
// observe. Tests compare the chart, the scenario files, skaffold.yaml and NOTES.txt against this.
export interface ScenarioContract {
  namespace: string;
  expect: string;
  mesh: 'none' | 'sidecar' | 'proxyless';
}

export const SCENARIOS: Record<string, ScenarioContract> = {
  'no-sidecar': { namespace: 'grpc-nosidecar', expect: 'one-pod', mesh: 'none' },
  'sidecar-round-robin': { namespace: 'grpc-sidecar', expect: 'v1=50,v2=50', mesh: 'sidecar' },
  'weighted-90-10': { namespace: 'grpc-sidecar', expect: 'v1=90,v2=10', mesh: 'sidecar' },
  'v2-only': { namespace: 'grpc-sidecar', expect: 'v1=0,v2=100', mesh: 'sidecar' },
  'client-side-lb': { namespace: 'grpc-client-lb', expect: 'v1=50,v2=50', mesh: 'none' },
  'max-connection-age': { namespace: 'grpc-max-age', expect: 'many-pods', mesh: 'none' },
  proxyless: { namespace: 'grpc-proxyless', expect: 'v1=50,v2=50', mesh: 'proxyless' },
};

export const SERVER_NAME = 'istio-grpc-server';
export const CLIENT_NAME = 'istio-grpc-client';
export const SERVER_PORT = 8080;
