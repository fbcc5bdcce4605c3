// Runs apps/istio-pilot (Istio's own discovery server) as a child process and speaks its stdin /
// stdout protocol: one full desired state a line in, one JSON event a line out.
import { makeBootstrap } from '@grpc-greeter/xds-bootstrap';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { type BinaryOptions, ensureIstioPilot } from './binary';
import { istioNode, type PodIdentity } from './istio-node';

/** A Kubernetes or Istio object as JSON (`apiVersion`, `kind`, `metadata`, ...). */
export type KubeObject = Record<string, unknown>;

// Past this bound a stop is forced: istio-pilot exits on EOF within milliseconds.
const CLOSE_BOUND_MS = 5000;
// How many of Istio's last log lines an error message or `logs` keeps.
const KEPT_LOG_LINES = 200;

export interface IstioPilotOptions extends BinaryOptions {
  /** The first desired state: Namespace, Service, Pods, EndpointSlices, Istio configs. */
  objects: readonly KubeObject[];
}

export interface IstioPilot {
  readonly host: string;
  readonly port: number;
  /** Replaces the whole desired state; resolves once Istio has pushed it, rejects if Istio refuses it. */
  apply(objects: readonly KubeObject[]): Promise<void>;
  /** The bootstrap JSON a proxyless pod's Istio agent would write for this control plane. */
  bootstrap(node: PodIdentity): string;
  /** Istio's most recent log lines (warnings and up), e.g. a client's NACK. */
  readonly logs: readonly string[];
  close(): Promise<void>;
}

interface PilotEvent {
  event: 'listening' | 'applied' | 'rejected';
  address?: string;
  generation?: number;
  error?: string;
}

export async function startIstioPilot(options: IstioPilotOptions): Promise<IstioPilot> {
  const binary = await ensureIstioPilot(options);
  const child = spawn(binary, ['--address=127.0.0.1:0'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const logs = keepLogs(child);
  const waiters = new Map<
    number,
    { resolve: (e: PilotEvent) => void; reject: (e: Error) => void }
  >();
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as PilotEvent;
    const generation = event.event === 'listening' ? 1 : (event.generation ?? 0);
    waiters.get(generation)?.resolve(event);
    waiters.delete(generation);
  });
  const failAll = (reason: Error) => {
    for (const waiter of waiters.values()) waiter.reject(reason);
    waiters.clear();
  };
  child.on('error', failAll);
  // 'close', not 'exit': by then stderr is read to the end, so the last log line is the reason.
  const exited = once(child, 'close').then(() =>
    failAll(new Error(`istio-pilot exited: ${logs.at(-1) ?? 'no output'}`)),
  );
  let generation = 0;
  const send = (objects: readonly KubeObject[]): Promise<PilotEvent> => {
    generation += 1;
    const answer = new Promise<PilotEvent>((resolve, reject) =>
      waiters.set(generation, { resolve, reject }),
    );
    child.stdin.write(`${JSON.stringify({ objects })}\n`);
    return answer.then((event) => {
      if (event.event === 'rejected') throw new Error(`Istio rejected the objects: ${event.error}`);
      return event;
    });
  };
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_BOUND_MS);
      child.stdin.end();
      await exited;
      clearTimeout(timer);
    }
  };

  const listening = await send(options.objects).catch(async (error: Error) => {
    await close();
    throw error;
  });
  const [host, port] = splitAddress(listening.address ?? '');
  return {
    host,
    port,
    apply: async (objects) => {
      await send(objects);
    },
    bootstrap: (node) => JSON.stringify(makeBootstrap({ host, port, ...istioNode(node) })),
    logs,
    close,
  };
}

function splitAddress(address: string): [string, number] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}

function keepLogs(child: ChildProcessWithoutNullStreams): string[] {
  const logs: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    logs.push(line);
    if (logs.length > KEPT_LOG_LINES) logs.shift();
  });
  return logs;
}
