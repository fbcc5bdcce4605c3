import { readFileSync } from 'node:fs';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { GreeterService } from '@grpc-greeter/proto';
import type { ServerConfig } from './flags';
import { makeGreeter } from './greeter-service';
import { addHealthService } from './health';
import { addReflectionService } from './reflection';

export type RunningServer = Awaited<ReturnType<typeof startServer>>;

function credentialsFor(config: ServerConfig): ServerCredentials {
  if (!config.tls) return ServerCredentials.createInsecure();
  const keyCertPair = {
    private_key: readFileSync(config.tls.keyFile),
    cert_chain: readFileSync(config.tls.certFile),
  };
  return ServerCredentials.createSsl(null, [keyCertPair], false);
}

// channelz stays on although nothing reads it: grpc-js 1.14.7 tracks sessions for forceShutdown
// only in its channelz session handler, so with `grpc.enable_channelz: 0` a forced shutdown left an
// open Watch stream's connection alive and the process never exited (the graceful-shutdown test).
function channelOptions(config: ServerConfig): Record<string, number> {
  // grpc-go's server enforces a keepalive policy by default, and so does this one (C-core's option
  // names; grpc-js enforces them through the repo's patch, patches/@grpc+grpc-js+1.14.7.patch).
  const enforcement = {
    'grpc.http2.min_ping_interval_without_data_ms': config.keepaliveEnforcement.minTimeMs,
    'grpc.keepalive_permit_without_calls': config.keepaliveEnforcement.permitWithoutStream ? 1 : 0,
  };
  if (config.maxConnectionAgeMs === 0) return enforcement;
  // Each connection gets a GOAWAY at this age; the client reconnects and, behind an L4 balancer such
  // as kube-proxy, lands on a freshly chosen pod. Grace bounds how long in-flight RPCs may finish.
  return {
    ...enforcement,
    'grpc.max_connection_age_ms': config.maxConnectionAgeMs,
    'grpc.max_connection_age_grace_ms': config.maxConnectionAgeGraceMs,
  };
}

/** Binds, registers Greeter + health + reflection, and reports SERVING once listening. */
export async function startServer(config: ServerConfig) {
  const server = new Server(channelOptions(config));
  server.addService(GreeterService, makeGreeter(config));
  const health = addHealthService(server);
  addReflectionService(server);

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${config.listen.host}:${config.listen.port}`,
      credentialsFor(config),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    );
  });
  health.markServing();
  return { server, port, health };
}
