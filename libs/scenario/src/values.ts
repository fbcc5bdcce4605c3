// The chart's values (charts/grpc-greeter/values.yaml), typed. Keys and enums are the contract's;
// the lab reads the very same keys so `helm install -f` and `npm start` cannot drift apart.

export const LB_POLICIES = ['pick_first', 'round_robin'] as const;
export const LOAD_BALANCERS = ['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'PASSTHROUGH'] as const;
export const PROBE_MODES = ['grpc', 'exec'] as const;
export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
export const ISTIO_API_VERSIONS = [
  '',
  'networking.istio.io/v1',
  'networking.istio.io/v1beta1',
  'networking.istio.io/v1alpha3',
] as const;

export type LbPolicy = (typeof LB_POLICIES)[number];
export type LoadBalancer = (typeof LOAD_BALANCERS)[number];
export type ProbeMode = (typeof PROBE_MODES)[number];
export type PullPolicy = (typeof PULL_POLICIES)[number];
export type IstioApiVersion = (typeof ISTIO_API_VERSIONS)[number];

export interface ImageValues {
  repository: string;
  tag: string;
  pullPolicy: PullPolicy;
}

export interface VersionValues {
  name: string;
  replicas: number;
}

export interface ChartValues {
  /** Only present when Helm runs the chart as a subchart. */
  global?: Record<string, unknown>;
  scenario: { description: string };
  server: {
    name: string;
    image: ImageValues;
    port: number;
    drainSeconds: number;
    shutdownTimeoutSeconds: number;
    maxConnectionAge: string;
    maxConnectionAgeGrace: string;
    versions: VersionValues[];
    resources: {
      requests: Record<string, string | number>;
      limits: Record<string, string | number>;
    };
  };
  service: { portName: string; appProtocol: string; headless: boolean };
  client: { name: string; image: ImageValues; target: string; lbPolicy: LbPolicy };
  mesh: { sidecar: boolean; proxyless: boolean };
  routing: {
    enabled: boolean;
    loadBalancer: LoadBalancer;
    weights: Record<string, number>;
    istioApiVersion: IstioApiVersion;
  };
  probes: { mode: ProbeMode };
  test: { enabled: boolean; repeat: number; expect: string; tolerance: number; interval: string };
}
