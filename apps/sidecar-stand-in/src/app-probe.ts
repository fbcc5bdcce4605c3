import { credentials, makeGenericClientConstructor } from '@grpc/grpc-js';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { service as healthService } from 'grpc-health-check';

// The app's own probes, which the injection moved into ISTIO_KUBE_APP_PROBERS so the kubelet asks
// pilot-agent instead (/app-health/<container>/<livez|readyz|startupz>). Run as pilot-agent runs
// them (pilot/cmd/pilot-agent/status/server.go): against the pod's IP, success as the kubelet counts it.

/** One entry of ISTIO_KUBE_APP_PROBERS: a Kubernetes probe handler with its timeout. */
export interface AppProber {
  httpGet?: {
    path?: string;
    port: number | string;
    scheme?: string;
    httpHeaders?: { name: string; value: string }[];
  };
  tcpSocket?: { port: number | string };
  grpc?: { port: number; service?: string };
  timeoutSeconds?: number;
}

// The kubelet's default timeoutSeconds, for a probe that names none.
const DEFAULT_TIMEOUT_S = 1;

const HealthClient = makeGenericClientConstructor(healthService, 'grpc.health.v1.Health');

function portOf(port: number | string): number {
  const value = Number(port);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(
      `probe port "${port}" is not a number (named ports are resolved by the injection)`,
    );
  }
  return value;
}

/** True when the probe passes. */
export async function runAppProbe(prober: AppProber, host: string): Promise<boolean> {
  const timeoutMs = (prober.timeoutSeconds || DEFAULT_TIMEOUT_S) * 1000;
  if (prober.httpGet) return probeHttp(prober.httpGet, host, timeoutMs);
  if (prober.tcpSocket) return probeTcp(portOf(prober.tcpSocket.port), host, timeoutMs);
  if (prober.grpc) return probeGrpc(prober.grpc, host, timeoutMs);
  return false;
}

function probeHttp(
  action: NonNullable<AppProber['httpGet']>,
  host: string,
  timeoutMs: number,
): Promise<boolean> {
  const https = action.scheme?.toUpperCase() === 'HTTPS';
  const headers = Object.fromEntries((action.httpHeaders ?? []).map((h) => [h.name, h.value]));
  return new Promise((resolve) => {
    const request = (https ? httpsRequest : httpRequest)(
      {
        host,
        port: portOf(action.port),
        path: action.path?.startsWith('/') ? action.path : `/${action.path ?? ''}`,
        headers,
        timeout: timeoutMs,
        // The kubelet does not verify an HTTPS probe's certificate, and neither does pilot-agent.
        rejectUnauthorized: false,
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        resolve(status >= 200 && status < 400);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
    request.end();
  });
}

function probeTcp(port: number, host: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => socket.destroy());
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

function probeGrpc(
  action: NonNullable<AppProber['grpc']>,
  host: string,
  timeoutMs: number,
): Promise<boolean> {
  const address = host.includes(':') ? `[${host}]:${action.port}` : `${host}:${action.port}`;
  const client = new HealthClient(address, credentials.createInsecure(), {
    'grpc.enable_http_proxy': 0,
  });
  return new Promise<boolean>((resolve) => {
    (client as unknown as HealthCheck).Check(
      { service: action.service ?? '' },
      { deadline: Date.now() + timeoutMs },
      (error, response) => resolve(!error && response?.status === 'SERVING'),
    );
  }).finally(() => client.close());
}

type HealthCheck = {
  Check(
    request: { service: string },
    options: { deadline: number },
    callback: (error: Error | null, response?: { status: string }) => void,
  ): void;
};
