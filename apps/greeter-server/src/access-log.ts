import { performance } from 'node:perf_hooks';
import type { handleUnaryCall } from '@grpc/grpc-js';
import { logEvent } from './log';

/**
 * Wraps a unary handler so every call it answers writes one `rpc` line: method, the caller's
 * address and port (one value per connection, which makes gRPC's one-connection balancing visible)
 * and what the handler took. Opt-in (`--access-log`): stdout writes are synchronous to files and
 * pipes, so each line is a system call on the call's path.
 */
export function withAccessLog<Req, Res>(
  handler: handleUnaryCall<Req, Res>,
  fields: Record<string, string>,
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const started = performance.now();
    handler(call, callback);
    logEvent('rpc', {
      method: call.getPath(),
      peer: call.getPeer(),
      ...fields,
      code: 'OK',
      ms: Number((performance.now() - started).toFixed(3)),
    });
  };
}
