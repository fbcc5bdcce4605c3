import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { makeGreeter } from './greeter-service';

/** Calls SayHello once with a stand-in call: what it sent as headers, and how it answered. */
function callOnce(greeter: ReturnType<typeof makeGreeter>) {
  const sent: Metadata[] = [];
  let answer: { error: Partial<ServiceError> | null; reply?: unknown } | undefined;
  const call = { request: { name: 'world' }, sendMetadata: (m: Metadata) => sent.push(m) };
  greeter.sayHello(call as never, (error, reply) => {
    answer = { error: error as Partial<ServiceError> | null, reply };
  });
  return { sent, answer };
}

describe('SayHello with --failure-rate', () => {
  const identity = { hostname: 'pod-a', serviceVersion: 'v2', accessLog: false };

  it('answers every call with the identity headers when the rate is 0', () => {
    const { sent, answer } = callOnce(makeGreeter({ ...identity, random: () => 0 }));
    expect(sent[0].get('hostname')).toEqual(['pod-a']);
    expect(answer).toEqual({ error: null, reply: { message: 'Hello world' } });
  });

  it('fails the drawn calls UNAVAILABLE before any header (trailers-only), the others as usual', () => {
    const draws = [0.1, 0.7];
    const greeter = makeGreeter({
      ...identity,
      failureRate: 0.5,
      random: () => draws.shift() ?? 0,
    });
    const failed = callOnce(greeter);
    expect(failed.sent).toEqual([]);
    expect(failed.answer?.error).toMatchObject({
      code: status.UNAVAILABLE,
      details: 'pod-a fails 50% of calls (--failure-rate)',
    });
    expect(callOnce(greeter).answer).toEqual({ error: null, reply: { message: 'Hello world' } });
  });
});
