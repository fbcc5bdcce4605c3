import { Metadata, type handleUnaryCall } from '@grpc/grpc-js';
import type { GreeterServer, HelloReply, HelloRequest } from '@grpc-greeter/proto';
import { withAccessLog } from './access-log';

export interface GreeterOptions {
  hostname: string;
  serviceVersion: string;
  accessLog: boolean;
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
  const sayHello: handleUnaryCall<HelloRequest, HelloReply> = (call, callback) => {
    call.sendMetadata(headers);
    callback(null, { message: `Hello ${call.request.name}` });
  };
  return {
    sayHello: options.accessLog
      ? withAccessLog(sayHello, { hostname: options.hostname, version: options.serviceVersion })
      : sayHello,
  };
}
