import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { NETWORK, NODE_NAME, controlPlaneBinary, istiodDist } from './cluster-config';
import type { Component } from './components';
import type { StateDir } from './state';

const run = promisify(execFile);

export const ISTIO_NAMESPACE = 'istio-system';
/** istiod's debug port, on the namespace's loopback too: `/ready` answers 200 once it serves. */
export const ISTIOD_READY_URL = 'http://127.0.0.1:8080/ready';

/**
 * Istio installed as its docs install it, `helm install istio-base` then `helm install istiod`, from
 * the charts of the pinned module (apps/istiod), after the Gateway API CRDs. One value differs:
 * the istiod Deployment gets no replica, because istiod runs as a process of the namespace beside
 * the API server (as CoreDNS does), not as a pod; a string "0", since the chart omits a number 0.
 */
export async function installIstio(state: StateDir, helm: string): Promise<void> {
  const kubeconfig = ['--kubeconfig', state.insideKubeconfig];
  await run(controlPlaneBinary('kubectl'), [
    ...kubeconfig,
    'apply',
    '--server-side',
    '-f',
    istiodDist('gateway-api-crds'),
  ]);
  const helmHome = state.path('helm');
  mkdirSync(helmHome, { recursive: true });
  const env = {
    ...process.env,
    HELM_CACHE_HOME: helmHome,
    HELM_CONFIG_HOME: helmHome,
    HELM_DATA_HOME: helmHome,
  };
  const install = (release: string, chart: string, values: string[]) =>
    run(
      helm,
      [
        'upgrade',
        '--install',
        release,
        istiodDist('charts', chart),
        ...kubeconfig,
        '-n',
        ISTIO_NAMESPACE,
        '--create-namespace',
        ...values,
      ],
      { env },
    );
  await install('istio-base', 'base', []);
  await install('istiod', 'istio-discovery', [
    '--set-string',
    'replicaCount=0',
    '--set',
    'autoscaleEnabled=false',
  ]);
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string } };
}

/**
 * pilot-discovery with the arguments and environment of the istiod Deployment that helm installed
 * (the chart stays their one source), its pod fields filled in as the kubelet would fill them, and
 * the admin kubeconfig in place of the in-cluster one. It writes its DNS certificate under
 * ./var/run/secrets, hence a working folder of its own.
 */
export async function istiod(state: StateDir): Promise<Component> {
  const { stdout } = await run(controlPlaneBinary('kubectl'), [
    '--kubeconfig',
    state.insideKubeconfig,
    '-n',
    ISTIO_NAMESPACE,
    'get',
    'deployment',
    'istiod',
    '-o',
    'jsonpath={.spec.template.spec.containers[0]}',
  ]);
  const container = JSON.parse(stdout) as { args: string[]; env?: EnvVar[] };
  const fields: Record<string, string> = {
    'metadata.name': `istiod-${NODE_NAME}`,
    'metadata.namespace': ISTIO_NAMESPACE,
    'spec.serviceAccountName': 'istiod',
  };
  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    const field = variable.valueFrom?.fieldRef?.fieldPath;
    const value = field ? fields[field] : variable.value;
    if (value !== undefined) env[variable.name] = value;
  }
  env['KUBECONFIG'] = state.insideKubeconfig;
  const cwd = state.path('istiod');
  mkdirSync(cwd, { recursive: true });
  return {
    name: 'istiod',
    command: istiodDist('pilot-discovery'),
    args: container.args,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
    cwd,
  };
}

/**
 * The istiod Service (from the chart) selects no pod: its EndpointSlice names istiod's address on
 * the pods' bridge, so pods reach it at istiod.istio-system.svc and the API server calls its
 * webhooks there (with --enable-aggregator-routing), under the name its certificate carries.
 */
export function istiodEndpoints(): object {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'istiod-process',
      namespace: ISTIO_NAMESPACE,
      labels: {
        'kubernetes.io/service-name': 'istiod',
        'endpointslice.kubernetes.io/managed-by': 'cluster-up',
      },
    },
    addressType: 'IPv4',
    ports: [
      { name: 'grpc-xds', port: 15010, protocol: 'TCP' },
      { name: 'https-dns', port: 15012, protocol: 'TCP' },
      { name: 'https-webhook', port: 15017, protocol: 'TCP' },
      { name: 'http-monitoring', port: 15014, protocol: 'TCP' },
    ],
    endpoints: [{ addresses: [NETWORK.nodeIp], conditions: { ready: true }, nodeName: NODE_NAME }],
  };
}

/**
 * Whether istiod has put its CA into both webhook configurations: until then the API server cannot
 * call them, and a pod created in an injected namespace would be refused.
 */
export async function webhooksTrusted(state: StateDir): Promise<boolean> {
  const caBundles = async (kind: string, name: string) => {
    try {
      const { stdout } = await run(controlPlaneBinary('kubectl'), [
        '--kubeconfig',
        state.insideKubeconfig,
        'get',
        kind,
        name,
        '-o',
        'jsonpath={.webhooks[*].clientConfig.caBundle}',
      ]);
      const bundles = stdout.trim().split(/\s+/);
      return bundles.length > 0 && bundles.every((bundle) => bundle.length > 0);
    } catch {
      return false;
    }
  };
  return (
    (await caBundles('mutatingwebhookconfiguration', 'istio-sidecar-injector')) &&
    (await caBundles('validatingwebhookconfiguration', `istio-validator-${ISTIO_NAMESPACE}`))
  );
}
