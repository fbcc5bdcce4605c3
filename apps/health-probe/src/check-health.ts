import { readFileSync } from 'node:fs';
import { credentials, type ChannelCredentials } from '@grpc/grpc-js';
import type { ProbeConfig } from './flags';
import { HealthClient, ServingStatus, statusName, type HealthCheckResponse } from './health-client';

/** grpc_health_probe's exit codes, which kubelet exec probes and scripts already rely on. */
export const ProbeExit = {
  SERVING: 0,
  USAGE: 1,
  CONNECTION_FAILURE: 2,
  RPC_FAILURE: 3,
  UNHEALTHY: 4,
} as const;

export interface ProbeOutcome {
  exitCode: number;
  message: string;
}

function channelCredentials(tls: ProbeConfig['tls']): ChannelCredentials {
  if (!tls) return credentials.createInsecure();
  return credentials.createSsl(tls.caFile ? readFileSync(tls.caFile) : null, null, null, {
    rejectUnauthorized: !tls.noVerify,
    ...(tls.noVerify ? { checkServerIdentity: () => undefined } : {}),
  });
}

function waitForReady(
  client: InstanceType<typeof HealthClient>,
  timeoutMs: number,
): Promise<Error | undefined> {
  return new Promise((resolve) =>
    client.waitForReady(Date.now() + timeoutMs, (error) => resolve(error)),
  );
}

export async function checkHealth(config: ProbeConfig): Promise<ProbeOutcome> {
  const options = config.tls?.serverName
    ? { 'grpc.ssl_target_name_override': config.tls.serverName }
    : {};
  const client = new HealthClient(config.target, channelCredentials(config.tls), options);
  try {
    if (await waitForReady(client, config.connectTimeoutMs)) {
      return {
        exitCode: ProbeExit.CONNECTION_FAILURE,
        message: `timeout: failed to connect service "${config.target}" within ${config.connectTimeoutMs}ms`,
      };
    }
    const reply = await new Promise<HealthCheckResponse | Error>((resolve) =>
      client.Check(
        { service: config.service },
        { deadline: Date.now() + config.rpcTimeoutMs },
        (error: Error | null, response: HealthCheckResponse) => resolve(error ?? response),
      ),
    );
    if (reply instanceof Error) {
      return {
        exitCode: ProbeExit.RPC_FAILURE,
        message: `error: health rpc failed: ${reply.message}`,
      };
    }
    if (reply.status !== ServingStatus.SERVING) {
      return {
        exitCode: ProbeExit.UNHEALTHY,
        message: `service unhealthy (responded with "${statusName(reply.status)}")`,
      };
    }
    return { exitCode: ProbeExit.SERVING, message: 'status: SERVING' };
  } finally {
    client.close();
  }
}
