import { booleanFromEnv, parseGoDuration, UsageError } from '@grpc-greeter/cli-kit';
import type { PodIdentity } from '@grpc-greeter/istio-control-plane';

// What the injected istio-proxy container is told through its environment (injection-template.yaml,
// grpc-agent.yaml), read the way pilot-agent reads it. Only the fields the stand-in acts on.

/** istiod's plaintext xDS port: see xds-client.ts for why not the 15012 of discoveryAddress. */
export const ISTIOD_PLAINTEXT_PORT = 15010;
// pilot-agent's defaults when PROXY_CONFIG leaves them out (Istio's mesh defaults).
const DEFAULT_DISCOVERY_ADDRESS = 'istiod.istio-system.svc:15012';
const DEFAULT_DRAIN = '5s';
/** Where istio-agent writes the proxyless bootstrap unless GRPC_XDS_BOOTSTRAP says otherwise. */
const DEFAULT_GRPC_BOOTSTRAP = '/etc/istio/proxy/grpc-bootstrap.json';

export interface AgentEnv {
  pod: PodIdentity;
  /** istiod's host, from PROXY_CONFIG.discoveryAddress (its port is the mTLS one, 15012). */
  istiodHost: string;
  /** How long calls in flight may finish after SIGTERM (PROXY_CONFIG.terminationDrainDuration). */
  drainMs: number;
  /** ISTIO_KUBE_APP_PROBERS: "/app-health/<container>/livez" → the app's original probe. */
  appProbers: Record<string, unknown>;
  /** Where the app's probes go: the pod's IP, or localhost as REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION asks. */
  probeHost: string;
  /** DISABLE_ENVOY=true (the grpc-agent template): proxyless, write this bootstrap file instead. */
  proxylessBootstrap?: string;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new UsageError(`${name} is not set (the injection sets it from the pod)`);
  return value;
}

function parseJson(env: NodeJS.ProcessEnv, name: string): Record<string, unknown> {
  const raw = env[name]?.trim();
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // reported below, as one line
  }
  throw new UsageError(`${name}: not a JSON object`);
}

function hostOf(address: string): string {
  const match = /^(\[[^\]]+\]|[^:]+):\d+$/.exec(address);
  if (!match) throw new UsageError(`PROXY_CONFIG.discoveryAddress: "${address}" is not host:port`);
  return match[1];
}

export function readAgentEnv(env: NodeJS.ProcessEnv): AgentEnv {
  const proxyConfig = parseJson(env, 'PROXY_CONFIG');
  const ip = required(env, 'INSTANCE_IP');
  const drain = String(proxyConfig.terminationDrainDuration ?? DEFAULT_DRAIN);
  let drainMs: number;
  try {
    drainMs = parseGoDuration(drain);
  } catch (error) {
    throw new UsageError(`PROXY_CONFIG.terminationDrainDuration: ${(error as Error).message}`);
  }
  return {
    pod: { podName: required(env, 'POD_NAME'), namespace: required(env, 'POD_NAMESPACE'), ip },
    istiodHost: hostOf(String(proxyConfig.discoveryAddress ?? DEFAULT_DISCOVERY_ADDRESS)),
    drainMs,
    appProbers: parseJson(env, 'ISTIO_KUBE_APP_PROBERS'),
    probeHost: booleanFromEnv(env, 'REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION') ? 'localhost' : ip,
    proxylessBootstrap: booleanFromEnv(env, 'DISABLE_ENVOY')
      ? env.GRPC_XDS_BOOTSTRAP?.trim() || DEFAULT_GRPC_BOOTSTRAP
      : undefined,
  };
}
