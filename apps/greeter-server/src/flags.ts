import { hostname } from 'node:os';
import {
  booleanFromEnv,
  goFlagParser,
  parseDurationFlag,
  parseInteger,
  parseListenAddress,
  rejectInvalidBooleans,
  UsageError,
  type ListenAddress,
} from '@grpc-greeter/cli-kit';
import { DEFAULT_GREETER_PORT, versionFromPodName } from '@grpc-greeter/greeter-process';

export interface ServerConfig {
  listen: ListenAddress;
  /** Sent as the `hostname` response header: the pod name in Kubernetes. */
  hostname: string;
  /** Sent as the `version` response header (v1, v2…), so clients can count replies per version. */
  serviceVersion: string;
  drainMs: number;
  shutdownTimeoutMs: number;
  /** 0 = off. Otherwise connections are closed after this age so clients reconnect (and rebalance). */
  maxConnectionAgeMs: number;
  maxConnectionAgeGraceMs: number;
  tls?: { certFile: string; keyFile: string };
  /** One JSON line per RPC on stdout; opt-in, since it is a synchronous write on every call's path. */
  accessLog: boolean;
  /** Share of SayHello calls (0–1) answered UNAVAILABLE: a bad pod that still passes its probes. */
  failureRate: number;
  /** How long SayHello works before it answers (0 = at once): a slow call, sending nothing meanwhile. */
  replyDelayMs: number;
  /** grpc-go's keepalive.EnforcementPolicy: the pings a client may send before its GOAWAY. */
  keepaliveEnforcement: { minTimeMs: number; permitWithoutStream: boolean };
}

const USAGE = `Usage: greeter-server [flags]

Serves helloworld.Greeter/SayHello (wire-compatible with grpc-go's helloworld example), answering
"Hello <name>" with response headers "hostname" and "version", plus grpc.health.v1 and reflection.`;

/** Returns undefined when --help was printed. */
export function parseServerFlags(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig | undefined {
  const args = goFlagParser(
    rejectInvalidBooleans(argv, ['access-log', 'keepalive-permit-without-stream']),
    'greeter-server',
  )
    .usage(USAGE)
    .options({
      address: {
        type: 'string',
        default: `0.0.0.0:${DEFAULT_GREETER_PORT}`,
        describe: 'listen on host:port or :port (port 0 = any free port)',
      },
      hostname: {
        type: 'string',
        default: env.POD_NAME || hostname(),
        describe: 'value of the "hostname" response header (env POD_NAME)',
      },
      'service-version': {
        type: 'string',
        default: env.SERVICE_VERSION || undefined,
        describe:
          'value of the "version" response header (env SERVICE_VERSION; else the vN in --hostname, as in istio-grpc-server-v2-66d9b8847-276bd)',
      },
      'drain-seconds': {
        type: 'string',
        default: '5',
        describe:
          'after SIGTERM, report NOT_SERVING but keep serving this long so endpoints can be removed',
      },
      'shutdown-timeout-seconds': {
        type: 'string',
        default: '5',
        describe: 'after draining, wait this long for in-flight RPCs, then force-close',
      },
      'max-connection-age': {
        type: 'string',
        default: '0',
        describe:
          'close each connection after this Go duration (e.g. 30s) so clients re-balance; 0 = never',
      },
      'max-connection-age-grace': {
        type: 'string',
        default: '5s',
        describe: 'time in-flight RPCs get on an aged-out connection',
      },
      'tls-cert': {
        type: 'string',
        describe: 'PEM certificate chain: serve TLS instead of plaintext (with --tls-key)',
      },
      'tls-key': { type: 'string', describe: 'PEM private key for --tls-cert' },
      'failure-rate': {
        type: 'string',
        default: '0',
        describe:
          'answer this share of SayHello calls (0-1) UNAVAILABLE, before any response header (a trailers-only response, which Envoy counts as a 503 for outlier detection); health stays SERVING',
      },
      'reply-delay': {
        type: 'string',
        default: '0',
        describe:
          'answer each SayHello after this Go duration (e.g. 1s), sending nothing meanwhile: a slow call',
      },
      'keepalive-min-time': {
        type: 'string',
        default: '5m',
        describe:
          'keepalive enforcement, as grpc-go\'s EnforcementPolicy.MinTime: a client pinging more often (with no reply sent between pings) gets GOAWAY ENHANCE_YOUR_CALM "too_many_pings" on its third bad ping, and its calls in flight fail',
      },
      'keepalive-permit-without-stream': {
        type: 'boolean',
        default: false,
        describe:
          "as grpc-go's EnforcementPolicy.PermitWithoutStream: allow pings on a connection with no call open (else any ping there within 2h is a bad ping)",
      },
      'access-log': {
        type: 'boolean',
        default: booleanFromEnv(env, 'ACCESS_LOG'),
        describe:
          'log one JSON line per RPC (method, peer, code); costs throughput (env ACCESS_LOG)',
      },
    })
    .parseSync();
  if (args.help) return undefined;

  const certFile = args['tls-cert'];
  const keyFile = args['tls-key'];
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new UsageError('--tls-cert and --tls-key go together');
  }
  const failureRate = Number(args['failure-rate']);
  if (args['failure-rate'].trim() === '' || !(failureRate >= 0 && failureRate <= 1)) {
    throw new UsageError(
      `--failure-rate: must be a number from 0 to 1, got "${args['failure-rate']}"`,
    );
  }
  return {
    listen: parseListenAddress('address', args.address),
    hostname: args.hostname,
    serviceVersion: args['service-version'] ?? versionFromPodName(args.hostname),
    drainMs: parseInteger('drain-seconds', args['drain-seconds'], { min: 0 }) * 1000,
    shutdownTimeoutMs:
      parseInteger('shutdown-timeout-seconds', args['shutdown-timeout-seconds'], { min: 0 }) * 1000,
    maxConnectionAgeMs: parseDurationFlag('max-connection-age', args['max-connection-age'], {
      min: 0,
    }),
    maxConnectionAgeGraceMs: parseDurationFlag(
      'max-connection-age-grace',
      args['max-connection-age-grace'],
      { min: 0 },
    ),
    tls: certFile && keyFile ? { certFile, keyFile } : undefined,
    accessLog: args['access-log'],
    failureRate,
    replyDelayMs: parseDurationFlag('reply-delay', args['reply-delay'], { min: 0 }),
    keepaliveEnforcement: {
      minTimeMs: parseDurationFlag('keepalive-min-time', args['keepalive-min-time'], { min: 0 }),
      permitWithoutStream: args['keepalive-permit-without-stream'],
    },
  };
}
