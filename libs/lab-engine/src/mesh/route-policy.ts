// A VirtualService rule's `retries` and `fault` as istiod sends them to a proxyless client
// (pilot/pkg/networking/core/route: retry.ConvertPolicy, TranslateFault).
import { status } from '@grpc/grpc-js';
import { parseGoDuration } from '@grpc-greeter/cli-kit';
import type { ServiceRoute } from '@grpc-greeter/manifests';
import type { XdsFault, XdsRetry } from '@grpc-greeter/xds-control-plane';

// Istio's retry policy where a route writes none (retry.DefaultPolicy: 2 retries on these).
const ISTIO_DEFAULT_RETRY: XdsRetry = {
  retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
  numRetries: 2,
};

/**
 * The retry policy istiod puts on every route (retry.ConvertPolicy): its default without
 * `retries`, none with `attempts: 0`, else the attempts and retryOn written (retryOn defaulting).
 */
export function retryOf(route: ServiceRoute | undefined): XdsRetry | undefined {
  const retries = route?.retries;
  if (!retries) return ISTIO_DEFAULT_RETRY;
  const attempts = Number(retries['attempts'] ?? 0);
  if (attempts <= 0) return undefined;
  const retryOn = String(retries['retryOn'] ?? '') || ISTIO_DEFAULT_RETRY.retryOn;
  return { retryOn, numRetries: attempts };
}

export function faultOf(route: ServiceRoute | undefined): XdsFault | undefined {
  const fault = route?.fault;
  if (!fault) return undefined;
  const percentOf = (part: Record<string, unknown>) =>
    Number((part['percentage'] as Record<string, unknown> | undefined)?.['value'] ?? 0);
  const abort = fault['abort'] as Record<string, unknown> | undefined;
  const delay = fault['delay'] as Record<string, unknown> | undefined;
  return {
    ...(abort && {
      abort: {
        percent: percentOf(abort),
        grpcStatus: status[String(abort['grpcStatus']) as keyof typeof status],
      },
    }),
    ...(delay && {
      delay: { percent: percentOf(delay), delayMs: parseGoDuration(String(delay['fixedDelay'])) },
    }),
  };
}
