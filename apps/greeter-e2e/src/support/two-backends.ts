import { freePorts, type ProcessRegistry } from '@grpc-greeter/greeter-process';
import { waitFor, type GreeterServerProcess } from '@grpc-greeter/testing';
import { type ClientOutcome, runClient, startServer } from './processes';

/** Pod-like names, so a result's byHostname reads as "who answered". */
export const HOSTS = { a: 'greeter-a-v1', b: 'greeter-b-v1', replacement: 'greeter-a-v2' };

export interface FaultOptions {
  /** How backend A goes away: SIGTERM runs its graceful shutdown, SIGKILL is a crash. */
  signal: 'SIGTERM' | 'SIGKILL';
  /** Once A has exited, start a v2 server on A's port (a rolling restart) or not (a crash). */
  replace: boolean;
  serverArgs?: string[];
  /** Added to `--insecure --lb=round_robin --json` and the two-address target. */
  clientArgs: string[];
  /** Stop A once it has answered this many calls, so the fault lands mid-run. */
  afterCalls?: number;
}

export interface FaultOutcome extends ClientOutcome {
  a: GreeterServerProcess;
  b: GreeterServerProcess;
  replacement?: GreeterServerProcess;
  /** When A was signalled (ms since the epoch). */
  faultAt: number;
}

/** How many SayHello calls the server's access log shows, optionally only since `since` (epoch ms). */
export function callsServed(server: GreeterServerProcess, since = 0): number {
  return server.events.filter(
    (e) => e.msg === 'rpc' && (since === 0 || Date.parse(String(e.time)) >= since),
  ).length;
}

/**
 * The scenario every fault test shares: backends A and B on fixed ports behind the real client's
 * round_robin over `ipv4:A,B`; mid-run, A is signalled and (optionally) replaced on the same port.
 */
export async function faultOneOfTwo(
  registry: ProcessRegistry,
  options: FaultOptions,
): Promise<FaultOutcome> {
  const [portA, portB] = await freePorts(2);
  // The access log is what callsServed counts.
  const serverArgs = ['--access-log', ...(options.serverArgs ?? [])];
  const [a, b] = await Promise.all([
    startServer(registry, { port: portA, hostname: HOSTS.a, version: 'v1', args: serverArgs }),
    startServer(registry, { port: portB, hostname: HOSTS.b, version: 'v1', args: serverArgs }),
  ]);
  const client = runClient(registry, [
    '--insecure',
    `--address=ipv4:127.0.0.1:${portA},127.0.0.1:${portB}`,
    '--lb=round_robin',
    ...options.clientArgs,
  ]);
  let clientDone = false;
  // A run the test abandons (it failed first) must not surface later as an unhandled rejection;
  // awaiting `client` below still sees the error.
  client.then(
    () => (clientDone = true),
    () => (clientDone = true),
  );

  const afterCalls = options.afterCalls ?? 100;
  await waitFor(
    `A to answer ${afterCalls} calls`,
    () => clientDone || callsServed(a) >= afterCalls,
  );
  if (clientDone) throw new Error('the client finished before the fault: lengthen the run');
  const faultAt = Date.now();
  await a.stop(options.signal);
  const replacement = options.replace
    ? await startServer(registry, {
        port: portA,
        hostname: HOSTS.replacement,
        version: 'v2',
        args: serverArgs,
      })
    : undefined;
  return { ...(await client), a, b, replacement, faultAt };
}
