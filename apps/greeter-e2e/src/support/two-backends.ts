import { waitFor, type GreeterServerProcess } from '@grpc-greeter/testing';
import type { Fleet } from './fleet';
import { freePorts } from './free-ports';
import type { ClientResult } from './greeter-client-run';

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

export interface FaultOutcome {
  code: number | null;
  result: ClientResult;
  stderr: string;
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
export async function faultOneOfTwo(fleet: Fleet, options: FaultOptions): Promise<FaultOutcome> {
  const [portA, portB] = await freePorts(2);
  // The access log is what callsServed counts.
  const serverArgs = ['--access-log', ...(options.serverArgs ?? [])];
  const [a, b] = await Promise.all([
    fleet.server({ port: portA, hostname: HOSTS.a, version: 'v1', args: serverArgs }),
    fleet.server({ port: portB, hostname: HOSTS.b, version: 'v1', args: serverArgs }),
  ]);
  const client = fleet.client([
    '--insecure',
    `--address=ipv4:127.0.0.1:${portA},127.0.0.1:${portB}`,
    '--lb=round_robin',
    ...options.clientArgs,
  ]);
  let clientDone = false;
  client.child.once('exit', () => (clientDone = true));

  const afterCalls = options.afterCalls ?? 100;
  await waitFor(
    `A to answer ${afterCalls} calls`,
    () => clientDone || callsServed(a) >= afterCalls,
  );
  if (clientDone) throw new Error('the client finished before the fault: lengthen the run');
  const faultAt = Date.now();
  await a.stop(options.signal);
  const replacement = options.replace
    ? await fleet.server({
        port: portA,
        hostname: HOSTS.replacement,
        version: 'v2',
        args: serverArgs,
      })
    : undefined;
  return { ...(await client.finished), a, b, replacement, faultAt };
}
