import {
  goFlagParser,
  parseDurationFlag,
  rejectInvalidBooleans,
  UsageError,
} from '@grpc-greeter/cli-kit';

export interface ProbeConfig {
  /** A dialable target: ":8080" is rewritten to "localhost:8080", as Go's dialer reads it. */
  target: string;
  service: string;
  connectTimeoutMs: number;
  rpcTimeoutMs: number;
  tls?: { caFile?: string; noVerify: boolean; serverName?: string };
}

const USAGE = `Usage: grpc_health_probe -addr=<host:port> [flags]

Calls grpc.health.v1.Health/Check, like grpc-ecosystem/grpc-health-probe. Exit codes:
0 SERVING, 1 bad flags, 2 connection failure, 3 RPC failure, 4 not SERVING.`;

/** Returns undefined when --help was printed. */
export function parseProbeFlags(argv: string[]): ProbeConfig | undefined {
  const args = goFlagParser(
    rejectInvalidBooleans(argv, ['tls', 'tls-no-verify']),
    'grpc_health_probe',
  )
    .usage(USAGE)
    .options({
      addr: { type: 'string', describe: '(required) tcp host:port to connect' },
      service: { type: 'string', default: '', describe: 'service name to check' },
      'connect-timeout': {
        type: 'string',
        default: '1s',
        describe: 'timeout for establishing connection',
      },
      'rpc-timeout': { type: 'string', default: '1s', describe: 'timeout for health check rpc' },
      tls: {
        type: 'boolean',
        default: false,
        describe: 'use TLS (default: false, INSECURE plaintext transport)',
      },
      'tls-ca-cert': {
        type: 'string',
        describe: '(with -tls, optional) file containing trusted certificates for verifying server',
      },
      'tls-no-verify': {
        type: 'boolean',
        default: false,
        describe: '(with -tls) do not verify the certificate presented by the server',
      },
      'tls-server-name': {
        type: 'string',
        describe: '(with -tls) override the hostname used to verify the server certificate',
      },
    })
    .parseSync();
  if (args.help) return undefined;

  const addr = args.addr?.trim();
  if (!addr) throw new UsageError('-addr not specified');
  const tlsOnly = ['tls-ca-cert', 'tls-no-verify', 'tls-server-name'] as const;
  if (!args.tls && tlsOnly.some((flag) => args[flag])) {
    throw new UsageError('specified -tls-* flags without -tls');
  }
  return {
    target: addr.startsWith(':') ? `localhost${addr}` : addr,
    service: args.service,
    connectTimeoutMs: parseDurationFlag('connect-timeout', args['connect-timeout'], { min: 1 }),
    rpcTimeoutMs: parseDurationFlag('rpc-timeout', args['rpc-timeout'], { min: 1 }),
    tls: args.tls
      ? {
          caFile: args['tls-ca-cert'],
          noVerify: args['tls-no-verify'],
          serverName: args['tls-server-name'],
        }
      : undefined,
  };
}
