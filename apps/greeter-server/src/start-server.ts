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
  if (config.maxConnectionAgeMs === 0) return {};
  // Each connection gets a GOAWAY at this age; the client reconnects and, behind an L4 balancer such
  // as kube-proxy, lands on a freshly chosen pod. Grace bounds how long in-flight RPCs may finish.
  return {
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
