import { performance } from 'node:perf_hooks';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { versionFromPodName } from '@grpc-greeter/greeter-process';
import type { GreeterClient, HelloReply } from '@grpc-greeter/proto';
import { toMetadata } from './headers';

export interface Reply {
  message: string;
  hostname: string;
  version: string;
  latencyMs: number;
  /** The --header values this call sent. */
  sent: Record<string, string>;
}

/** The tutorial's Go images send only `hostname`: then the pod name is where the version is. */
function versionOf(headers: Metadata | undefined, hostname: string): string {
  const header = headers?.get('version')[0];
  return header ? String(header) : versionFromPodName(hostname);
}

/** A failed attempt, and whether its response headers had arrived (gRPC then commits the call). */
type AttemptError = ServiceError & { afterHeaders: boolean };

function attempt(
  client: GreeterClient,
  name: string,
  deadline: number,
  sent: Record<string, string>,
): Promise<{ reply: HelloReply; headers: Metadata | undefined }> {
  return new Promise((resolve, reject) => {
    let headers: Metadata | undefined;
    const call = client.sayHello({ name }, toMetadata(sent), { deadline }, (error, reply) =>
      error
        ? reject(Object.assign(error, { afterHeaders: headers !== undefined }))
        : resolve({ reply, headers }),
    );
    call.on('metadata', (received: Metadata) => {
      headers = received;
    });
  });
}

/**
 * One SayHello within `timeoutMs`. The channel's retryPolicy retries UNAVAILABLE only until the
 * response headers arrive (gRFC A6: the call is then committed), so a backend that crashes between
 * its headers and its status loses the call however many retries are configured. SayHello is
 * idempotent, so such a call is retried here, up to `retries` times within the same deadline.
 */
export async function sayHello(
  client: GreeterClient,
  name: string,
  timeoutMs: number,
  retries = 0,
  sent: Record<string, string> = {},
): Promise<Reply> {
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  for (let retry = 0; ; retry++) {
    try {
      const { reply, headers } = await attempt(client, name, deadline, sent);
      const hostname = String(headers?.get('hostname')[0] ?? 'unknown');
      return {
        message: reply.message,
        hostname,
        version: versionOf(headers, hostname),
        latencyMs: performance.now() - started,
        sent,
      };
    } catch (error) {
      const lost = (error as AttemptError).afterHeaders && statusName(error) === 'UNAVAILABLE';
      if (!lost || retry >= retries) throw error;
    }
  }
}

/** `UNAVAILABLE`, `DEADLINE_EXCEEDED`…: the name grpc-go prints as "code = Unavailable". */
export function statusName(error: unknown): string {
  const code = (error as Partial<ServiceError>).code;
  return code === undefined ? 'UNKNOWN' : (status[code] ?? String(code));
}
