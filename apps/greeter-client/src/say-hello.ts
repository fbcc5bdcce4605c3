import { performance } from 'node:perf_hooks';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import type { GreeterClient } from '@grpc-greeter/proto';

export interface Reply {
  message: string;
  hostname: string;
  version: string;
  latencyMs: number;
}

/**
 * The tutorial's Go images send only `hostname`; their pod names carry the version
 * (istio-grpc-server-v2-66d9b8847-276bd), so fall back to that when `version` is missing.
 */
function versionOf(headers: Metadata | undefined, hostname: string): string {
  const header = headers?.get('version')[0];
  if (header) return String(header);
  return /-(v\d+)(-|$)/.exec(hostname)?.[1] ?? 'unknown';
}

export function sayHello(client: GreeterClient, name: string, timeoutMs: number): Promise<Reply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let headers: Metadata | undefined;
    const call = client.sayHello(
      { name },
      new Metadata(),
      { deadline: Date.now() + timeoutMs },
      (error, reply) => {
        if (error) return reject(error);
        const hostname = String(headers?.get('hostname')[0] ?? 'unknown');
        resolve({
          message: reply.message,
          hostname,
          version: versionOf(headers, hostname),
          latencyMs: performance.now() - started,
        });
      },
    );
    call.on('metadata', (received: Metadata) => {
      headers = received;
    });
  });
}

/** `UNAVAILABLE`, `DEADLINE_EXCEEDED`…: the name grpc-go prints as "code = Unavailable". */
export function statusName(error: unknown): string {
  const code = (error as Partial<ServiceError>).code;
  return code === undefined ? 'UNKNOWN' : (status[code] ?? String(code));
}
