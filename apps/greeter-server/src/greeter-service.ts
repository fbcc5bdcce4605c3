import { Metadata, status, type handleUnaryCall } from '@grpc/grpc-js';
import type { GreeterServer, HelloReply, HelloRequest } from '@grpc-greeter/proto';
import { withAccessLog } from './access-log';

export interface GreeterOptions {
  hostname: string;
  serviceVersion: string;
  accessLog: boolean;
  /** Share of calls answered UNAVAILABLE (0 = none). */
  failureRate?: number;
  /** Milliseconds each call waits, sending nothing, before it answers (0 = at once). */
  replyDelayMs?: number;
  /** A number in [0, 1): Math.random, or a fixed sequence in tests. */
  random?: () => number;
}

/** The headers that make load balancing visible: which pod, which version answered. */
function identityHeaders(identity: GreeterOptions): Metadata {
  const headers = new Metadata();
  headers.set('hostname', identity.hostname);
  headers.set('version', identity.serviceVersion);
  return headers;
}

/** SayHello as in grpc-go's example, plus the identity headers; `accessLog` adds a line per call. */
export function makeGreeter(options: GreeterOptions): GreeterServer {
  // One Metadata for every reply: the identity never changes and grpc-js only reads what it sends.
  const headers = identityHeaders(options);
  const { failureRate = 0, replyDelayMs = 0, random = Math.random } = options;
  const answer: handleUnaryCall<HelloRequest, HelloReply> = (call, callback) => {
    // Before sendMetadata: grpc-js then answers trailers-only (grpc-status in the response
    // headers), the one form Envoy's router maps to an HTTP code (503) for outlier detection.
    if (failureRate > 0 && random() < failureRate) {
      callback({
        code: status.UNAVAILABLE,
        details: `${options.hostname} fails ${failureRate * 100}% of calls (--failure-rate)`,
      });
      return;
    }
    call.sendMetadata(headers);
    callback(null, { message: `Hello ${call.request.name}` });
  };
  const sayHello: handleUnaryCall<HelloRequest, HelloReply> =
    replyDelayMs === 0
      ? answer
      : (call, callback) => setTimeout(() => answer(call, callback), replyDelayMs);
  return {
    sayHello: options.accessLog
      ? withAccessLog(sayHello, { hostname: options.hostname, version: options.serviceVersion })
      : sayHello,
  };
}
