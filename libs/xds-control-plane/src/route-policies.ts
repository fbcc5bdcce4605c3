// A route's retry policy and fault injection, as Istio writes a VirtualService's `retries` and
// `fault` for proxyless clients (pilot/pkg/networking/core/route: retry.ConvertPolicy,
// TranslateFault): retry_policy on the route action, HTTPFault as the route's per-filter config
// under a fault filter in the listener's chain.
import type { RetryPolicy } from '@grpc/grpc-js-xds/build/src/generated/envoy/config/route/v3/RetryPolicy';
import type { HTTPFault } from '@grpc/grpc-js-xds/build/src/generated/envoy/extensions/filters/http/fault/v3/HTTPFault';

export const FAULT_FILTER_NAME = 'envoy.filters.http.fault';
export const FAULT_TYPE_URL =
  'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault';

export interface XdsRetry {
  /** Envoy's retry_on, e.g. `unavailable`; grpc-js-xds keeps only gRPC status names (gRFC A44). */
  retryOn: string;
  numRetries: number;
}

export interface XdsFault {
  /** `grpcStatus` is the numeric gRPC code. */
  abort?: { percent: number; grpcStatus: number };
  delay?: { percent: number; delayMs: number };
}

export function makeRetryPolicy({ retryOn, numRetries }: XdsRetry): RetryPolicy {
  return { retry_on: retryOn, num_retries: { value: numRetries } };
}

/** Istio writes a percentage as parts per million (translatePercentToFractionalPercent). */
function perMillion(percent: number) {
  return { numerator: Math.round(percent * 10_000), denominator: 'MILLION' as const };
}

export function makeFault({ abort, delay }: XdsFault): HTTPFault & { '@type': string } {
  return {
    '@type': FAULT_TYPE_URL,
    ...(abort && {
      abort: { grpc_status: abort.grpcStatus, percentage: perMillion(abort.percent) },
    }),
    ...(delay && {
      delay: {
        fixed_delay: {
          seconds: Math.floor(delay.delayMs / 1000),
          nanos: (delay.delayMs % 1000) * 1_000_000,
        },
        percentage: perMillion(delay.percent),
      },
    }),
  };
}
