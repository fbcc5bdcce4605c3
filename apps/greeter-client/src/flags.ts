import {
  goFlagParser,
  parseDurationFlag,
  parseInteger,
  rejectInvalidBooleans,
  requireNonEmpty,
  UsageError,
} from '@grpc-greeter/cli-kit';
import { DEFAULT_GREETER_PORT } from '@grpc-greeter/greeter-process';
import { parseExpectation, type Expectation } from './expectation';
import { takeHeaderFlags, type CallHeaders } from './headers';
import { parseSlowShare, type SlowShare } from './slow-share';

export type LbPolicy = 'pick_first' | 'round_robin';

export interface ClientConfig {
  target: string;
  name: string;
  tls: { insecure: true } | { insecure: false; caFile?: string };
  repeat: number;
  /** When set, run for this long (load mode) instead of --repeat calls. */
  durationMs?: number;
  timeoutMs: number;
  intervalMs: number;
  concurrency: number;
  lbPolicy: LbPolicy;
  retries: number;
  quiet: boolean;
  summary: boolean;
  json: boolean;
  expectation?: Expectation;
  /** --expect-failed: the share of calls expected to fail, in percent (then failures alone do not exit 1). */
  expectFailedPercent?: number;
  /** --expect-slow: the share of calls expected to take a duration or longer (an injected delay). */
  expectSlow?: SlowShare;
  /** --tolerance, in percentage points. */
  tolerance: number;
  quitIstioSidecar: boolean;
  /** Client keepalive, as grpc-go's keepalive.ClientParameters (examples/features/keepalive). */
  keepalive: { timeMs: number; timeoutMs: number; permitWithoutStream: boolean };
  /** Request headers by key; a key given several times rotates its values over the calls. */
  headers: CallHeaders;
}

const BOOLEAN_FLAGS = [
  'insecure',
  'summary',
  'json',
  'quiet',
  'quit-istio-sidecar',
  'keepalive-permit-without-stream',
];

const USAGE = `Usage: greeter-client [flags] [name]

Calls helloworld.Greeter/SayHello --repeat times over ONE channel and prints, per reply,
"<date> <time> Hello <name> from <hostname header>" (the tutorial's lines), then a summary
of which pods and versions answered.

--json prints JSON Lines on stdout instead, for programs: one line per call as it ends,
  {"event":"reply","pod":"<hostname>","version":"v1","message":"Hello world","latencyMs":1.2}
  {"event":"failure","code":"UNAVAILABLE","message":"..."}
(none with --quiet), then {"event":"result",...}: requests, ok, failed, errors by code,
byHostname, byVersion, expect, latencyMs, durationMs, rps. Failed calls are still told on stderr.

Targets: host:port, dns:///host:port, ipv4:127.0.0.1:5001,127.0.0.1:5002, xds:///service:port`;

function percent(value: number): number {
  if (value > 100) throw new UsageError(`--expect-failed: must be at most 100, got ${value}`);
  return value;
}

/** Returns undefined when --help was printed. */
export function parseClientFlags(argv: string[]): ClientConfig | undefined {
  const { headers, rest } = takeHeaderFlags(argv);
  const args = goFlagParser(rejectInvalidBooleans(rest, BOOLEAN_FLAGS), 'greeter-client')
    .usage(USAGE)
    .command('$0 [name]', false)
    .positional('name', { type: 'string', default: 'world', describe: 'name to greet' })
    .options({
      address: {
        type: 'string',
        default: `localhost:${DEFAULT_GREETER_PORT}`,
        describe: 'the server to connect to (gRPC target)',
      },
      insecure: {
        type: 'boolean',
        default: false,
        describe: 'plaintext; without it the client uses TLS',
      },
      cert: { type: 'string', describe: 'CA certificate (PEM) for TLS; default: system roots' },
      repeat: { type: 'string', default: '9', describe: 'number of calls' },
      duration: {
        type: 'string',
        describe: 'run for this Go duration instead of --repeat (load mode)',
      },
      timeout: { type: 'string', default: '5s', describe: 'deadline of each call' },
      interval: { type: 'string', default: '0', describe: 'pause between calls (per caller)' },
      concurrency: { type: 'string', default: '1', describe: 'callers sharing the one channel' },
      lb: {
        type: 'string',
        default: 'pick_first',
        choices: ['pick_first', 'round_robin'],
        describe: 'client-side load-balancing policy (service config)',
      },
      retries: {
        type: 'string',
        default: '3',
        describe:
          'retries of UNAVAILABLE calls (gRPC retryPolicy; re-call if lost after headers); 0 = none',
      },
      quiet: { type: 'boolean', default: false, describe: 'do not print a line per reply' },
      summary: {
        type: 'boolean',
        default: true,
        describe: 'print the per-pod / per-version summary',
      },
      json: {
        type: 'boolean',
        default: false,
        describe: 'print JSON Lines on stdout: a reply or failure per call, then the result',
      },
      header: {
        type: 'string',
        describe:
          'request header key=value on every call, repeatable; a key given again rotates its values over the calls (--header x-user=alice --header x-user=bob: alice, bob, alice…)',
      },
      expect: {
        type: 'string',
        describe:
          'expected split: v1=90,v2=10 | one-pod | many-pods | sticky (each value of a rotating --header answered by one pod, 2+ pods in all); exit 1 if not met',
      },
      'expect-failed': {
        type: 'string',
        describe:
          'expected share of failed calls in percent (e.g. 50 with one bad pod of two); checked with --tolerance, and failed calls alone no longer exit 1',
      },
      'expect-slow': {
        type: 'string',
        describe:
          'expected share of calls taking a duration or longer, percent@duration (10@200ms: an injected delay on 10% of calls); checked with --tolerance',
      },
      tolerance: {
        type: 'string',
        default: '10',
        describe: 'allowed distance from --expect, in percentage points',
      },
      'keepalive-time': {
        type: 'string',
        default: '0',
        describe:
          'ping the server after this Go duration without activity (grpc-go ClientParameters.Time); 0 = no pings. Below the server\'s permitted interval (grpc-go EnforcementPolicy.MinTime, 5m by default) the server closes the connection: GOAWAY ENHANCE_YOUR_CALM "too_many_pings"',
      },
      'keepalive-timeout': {
        type: 'string',
        default: '20s',
        describe: 'wait this long for the ping ack before closing the connection (Timeout)',
      },
      'keepalive-permit-without-stream': {
        type: 'boolean',
        default: false,
        describe: 'ping even with no call in flight (PermitWithoutStream)',
      },
      'quit-istio-sidecar': {
        type: 'boolean',
        default: false,
        describe: "when done, ask Istio's sidecar to exit (POST :15020/quitquitquit)",
      },
    })
    .parseSync();
  if (args.help) return undefined;

  const retries = parseInteger('retries', args.retries, { min: 0 });
  if (retries > 4) throw new UsageError('--retries: gRPC allows at most 4 retries (5 attempts)');
  const tolerance = parseInteger('tolerance', args.tolerance, { min: 0 });
  const durationMs =
    args.duration === undefined
      ? undefined
      : parseDurationFlag('duration', args.duration, { min: 1 });
  return {
    target: requireNonEmpty('address', args.address),
    name: String(args.name),
    tls: args.insecure ? { insecure: true } : { insecure: false, caFile: args.cert },
    repeat: parseInteger('repeat', args.repeat, { min: 0 }),
    durationMs,
    timeoutMs: parseDurationFlag('timeout', args.timeout, { min: 1 }),
    intervalMs: parseDurationFlag('interval', args.interval, { min: 0 }),
    concurrency: parseInteger('concurrency', args.concurrency, { min: 1 }),
    lbPolicy: args.lb as LbPolicy,
    retries,
    quiet: args.quiet,
    summary: args.summary,
    json: args.json,
    expectation: args.expect === undefined ? undefined : parseExpectation(args.expect, tolerance),
    tolerance,
    expectFailedPercent:
      args['expect-failed'] === undefined
        ? undefined
        : percent(parseInteger('expect-failed', args['expect-failed'], { min: 0 })),
    expectSlow: args['expect-slow'] === undefined ? undefined : parseSlowShare(args['expect-slow']),
    quitIstioSidecar: args['quit-istio-sidecar'],
    keepalive: {
      timeMs: parseDurationFlag('keepalive-time', args['keepalive-time'], { min: 0 }),
      timeoutMs: parseDurationFlag('keepalive-timeout', args['keepalive-timeout'], { min: 1 }),
      permitWithoutStream: args['keepalive-permit-without-stream'],
    },
    headers,
  };
}
