import { setTimeout as sleep } from 'node:timers/promises';
import { goFlagParser, parseInteger, UsageError } from '@grpc-greeter/cli-kit';

// The two pilot-agent commands Istio's templates run as lifecycle hooks of istio-proxy
// (pilot/cmd/pilot-agent/app/wait.go, request.go): `wait` as postStart (grpc-agent.yaml,
// holdApplicationUntilProxyStarts), `request --debug-port=15020 POST drain` as the native sidecar's
// preStop. Same flags, defaults and outcomes.

// Envoy's admin port and the agent's status port, the only ones `request` may call.
const ALLOWED_DEBUG_PORTS = [15000, 15020];
const REQUEST_TIMEOUT_MS = 60_000;

/** Polls --url until it answers 200; false (and one line) when --timeoutSeconds ran out. */
export async function waitCommand(argv: string[]): Promise<number> {
  const args = goFlagParser(argv, 'pilot-agent wait')
    .usage(
      'Usage: pilot-agent wait [flags]\n\nWaits until the proxy is ready (GET --url answers 200).',
    )
    .options({
      timeoutSeconds: { type: 'string', default: '60', describe: 'maximum seconds to wait' },
      requestTimeoutMillis: { type: 'string', default: '500', describe: 'timeout of one request' },
      periodMillis: { type: 'string', default: '500', describe: 'pause between requests' },
      url: { type: 'string', default: 'http://localhost:15021/healthz/ready' },
    })
    .parseSync();
  if (args.help) return 0;
  const deadline =
    Date.now() + 1000 * parseInteger('timeoutSeconds', args.timeoutSeconds, { min: 0 });
  const requestMs = parseInteger('requestTimeoutMillis', args.requestTimeoutMillis, { min: 1 });
  const periodMs = parseInteger('periodMillis', args.periodMillis, { min: 0 });
  let last = 'no request made';
  while (Date.now() < deadline) {
    await sleep(periodMs);
    try {
      const response = await fetch(args.url, { signal: AbortSignal.timeout(requestMs) });
      await response.arrayBuffer();
      if (response.status === 200) return 0;
      last = `HTTP status code ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
  }
  throw new Error(`timeout waiting for the proxy to become ready. Last error: ${last}`);
}

/** `request <method> <path> [<body>]` to localhost:--debug-port; prints the answer's body. */
export async function requestCommand(argv: string[]): Promise<number> {
  const args = goFlagParser(argv, 'pilot-agent request')
    .usage('Usage: pilot-agent request [--debug-port N] <method> <path> [<body>]')
    .command('$0 <method> <path> [body]', false)
    .positional('method', { type: 'string' })
    .positional('path', { type: 'string' })
    .positional('body', { type: 'string' })
    .options({ 'debug-port': { type: 'string', default: '15000' } })
    .parseSync();
  if (args.help) return 0;
  const port = parseInteger('debug-port', args['debug-port']);
  if (!ALLOWED_DEBUG_PORTS.includes(port)) {
    throw new UsageError(
      `debug port ${port} is not in allowed list [${ALLOWED_DEBUG_PORTS.join(' ')}]`,
    );
  }
  const path = String(args.path).replace(/^\/?/, '/');
  const response = await fetch(`http://localhost:${port}${path}`, {
    method: String(args.method).toUpperCase(),
    body: args.body || undefined,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  process.stdout.write(await response.text());
  if (!response.ok) throw new Error(`received unsuccessful status code ${response.status}`);
  return 0;
}
