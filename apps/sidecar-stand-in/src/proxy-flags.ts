import {
  goFlagParser,
  type ListenAddress,
  parseListenAddress,
  rejectInvalidBooleans,
  UsageError,
} from '@grpc-greeter/cli-kit';
import type { XdsServerAddress } from './istiod-bootstrap';

/** Istio's ports: the outbound capture port, the agent's status port, Envoy's readiness port. */
export const DEFAULT_OUTBOUND = '127.0.0.1:15001';
export const DEFAULT_STATUS = '0.0.0.0:15020';
export const DEFAULT_READY = '0.0.0.0:15021';

export interface ProxyFlags {
  outbound: ListenAddress;
  status: ListenAddress;
  ready: ListenAddress;
  /** Test/dev only: the xDS server to use instead of istiod's plaintext port. */
  xdsOverride?: XdsServerAddress;
}

const USAGE = `Usage: pilot-agent proxy sidecar [flags]

A stand-in for Istio's sidecar (pilot-agent + Envoy) on the local cluster, configured by the pod's
environment as Istio's injection writes it (POD_NAME, POD_NAMESPACE, INSTANCE_IP, PROXY_CONFIG,
ISTIO_KUBE_APP_PROBERS, DISABLE_ENVOY, GRPC_XDS_BOOTSTRAP):
- outbound: an HTTP CONNECT proxy on 127.0.0.1:15001; a tunnel to a Service name is taken as HTTP/2
  and each gRPC request goes over a grpc-js-xds channel xds:///<service>.<ns>.svc.cluster.local:<port>
  configured by istiod (plaintext port 15010, proxyless generator); an IP literal passes through.
- health: 15021 /healthz/ready; 15020 /healthz/ready, /app-health/<container>/<livez|readyz|startupz>
  (the app's own probes), POST /quitquitquit, POST /drain.
- proxyless (DISABLE_ENVOY=true, the grpc-agent template): writes the gRPC bootstrap istio-agent
  would write to GRPC_XDS_BOOTSTRAP and serves health only.
SIGTERM: stop taking tunnels, let calls in flight finish for PROXY_CONFIG.terminationDrainDuration.`;

// The valued flags Istio's templates pass to pilot-agent proxy: accepted, with no effect here.
const IGNORED_ISTIO_FLAGS = [
  'domain',
  'proxyLogLevel',
  'proxyComponentLogLevel',
  'log_output_level',
  'stsPort',
  'outlierLogPath',
];

/** Returns undefined when --help was printed. */
export function parseProxyFlags(argv: string[]): ProxyFlags | undefined {
  const args = goFlagParser(rejectInvalidBooleans(argv, ['log_as_json']), 'pilot-agent proxy')
    .usage(USAGE)
    .command('$0 [type]', false)
    .positional('type', { type: 'string', describe: 'the proxy type; only sidecar is modelled' })
    .options({
      ...Object.fromEntries(
        IGNORED_ISTIO_FLAGS.map((flag) => [
          flag,
          { type: 'string' as const, describe: "Istio's flag, accepted and ignored" },
        ]),
      ),
      log_as_json: { type: 'boolean', describe: "Istio's flag, accepted and ignored" },
      'stand-in-outbound-address': {
        type: 'string',
        default: DEFAULT_OUTBOUND,
        describe: 'test/dev only: where the HTTP CONNECT proxy listens',
      },
      'stand-in-status-address': {
        type: 'string',
        default: DEFAULT_STATUS,
        describe: 'test/dev only: where the status port listens',
      },
      'stand-in-ready-address': {
        type: 'string',
        default: DEFAULT_READY,
        describe: 'test/dev only: where the readiness port listens',
      },
      'stand-in-xds-address': {
        type: 'string',
        describe: "test/dev only: host:port of an xDS server to use instead of istiod's :15010",
      },
    })
    .parseSync();
  if (args.help) return undefined;
  if (args.type !== 'sidecar') {
    throw new UsageError(
      args.type
        ? `proxy type "${args.type}" is not modelled: only sidecar`
        : 'missing proxy type: sidecar',
    );
  }
  const xds = args['stand-in-xds-address'];
  return {
    outbound: parseListenAddress('stand-in-outbound-address', args['stand-in-outbound-address']),
    status: parseListenAddress('stand-in-status-address', args['stand-in-status-address']),
    ready: parseListenAddress('stand-in-ready-address', args['stand-in-ready-address']),
    xdsOverride: xds ? parseListenAddress('stand-in-xds-address', xds) : undefined,
  };
}
