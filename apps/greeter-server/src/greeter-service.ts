import { performance } from 'node:perf_hooks';
import { Metadata, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import type { GreeterServer, HelloReply, HelloRequest } from '@grpc-greeter/proto';
import { logEvent } from './log';

export interface Identity {
  hostname: string;
  serviceVersion: string;
}

/** SayHello as in grpc-go's example, plus the headers that make load balancing visible. */
export function makeGreeter(identity: Identity): GreeterServer {
  return {
    sayHello(call: ServerUnaryCall<HelloRequest, HelloReply>, callback: sendUnaryData<HelloReply>) {
      const started = performance.now();
      const headers = new Metadata();
      headers.set('hostname', identity.hostname);
      headers.set('version', identity.serviceVersion);
      call.sendMetadata(headers);
      callback(null, { message: `Hello ${call.request.name}` });
      logEvent('rpc', {
        method: '/helloworld.Greeter/SayHello',
        peer: call.getPeer(),
        hostname: identity.hostname,
        version: identity.serviceVersion,
        code: status[status.OK],
        ms: Number((performance.now() - started).toFixed(3)),
      });
    },
  };
}
