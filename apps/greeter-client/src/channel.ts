import { readFileSync } from 'node:fs';
import { credentials, type ChannelCredentials } from '@grpc/grpc-js';
import { GreeterClient, GREETER_SERVICE_NAME } from '@grpc-greeter/proto';
import type { ClientConfig } from './flags';

// Backoff for retried UNAVAILABLE calls: short enough that a rolling restart is invisible to the
// caller, bounded so a dead target still fails within --timeout.
const RETRY_INITIAL_BACKOFF = '0.05s';
const RETRY_MAX_BACKOFF = '0.5s';

/** The channel's default service config: the LB policy and (unless --retries=0) a retry policy. */
export function serviceConfig(config: Pick<ClientConfig, 'lbPolicy' | 'retries'>): object {
  const methodConfig =
    config.retries === 0
      ? []
      : [
          {
            name: [{ service: GREETER_SERVICE_NAME }],
            retryPolicy: {
              maxAttempts: config.retries + 1,
              initialBackoff: RETRY_INITIAL_BACKOFF,
              maxBackoff: RETRY_MAX_BACKOFF,
              backoffMultiplier: 2,
              retryableStatusCodes: ['UNAVAILABLE'],
            },
          },
        ];
  return { loadBalancingConfig: [{ [config.lbPolicy]: {} }], methodConfig };
}

/**
 * grpc-go's keepalive.ClientParameters as grpc-js channel options; none when --keepalive-time is 0
 * (grpc-js then sends no pings, as grpc-go without ClientParameters).
 */
export function keepaliveOptions(keepalive: ClientConfig['keepalive']): Record<string, number> {
  if (keepalive.timeMs === 0) return {};
  return {
    'grpc.keepalive_time_ms': keepalive.timeMs,
    'grpc.keepalive_timeout_ms': keepalive.timeoutMs,
    'grpc.keepalive_permit_without_calls': keepalive.permitWithoutStream ? 1 : 0,
  };
}

function channelCredentials(tls: ClientConfig['tls']): ChannelCredentials {
  if (tls.insecure) return credentials.createInsecure();
  return credentials.createSsl(tls.caFile ? readFileSync(tls.caFile) : null);
}

/**
 * ONE channel for the whole run: this is the lesson. All calls are multiplexed over the channel's
 * HTTP/2 connection(s), so which pods answer depends on the LB policy and on what sits in between.
 */
export async function openChannel(config: ClientConfig): Promise<GreeterClient> {
  if (config.target.startsWith('xds:')) {
    // Loaded only for xds:/// targets: it is what Istio's proxyless mode uses, and costs start-up time.
    (await import('@grpc/grpc-js-xds')).register();
  }
  return new GreeterClient(config.target, channelCredentials(config.tls), {
    'grpc.service_config': JSON.stringify(serviceConfig(config)),
    // Our service config is authoritative; don't let a DNS TXT record replace it.
    'grpc.service_config_disable_resolution': 1,
    ...keepaliveOptions(config.keepalive),
  });
}
