// A real grpc-js client with the xDS resolver, pointed at a control plane through its bootstrap.
import { GreeterClient } from '@grpc-greeter/proto';
import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { register } from '@grpc/grpc-js-xds';

register();

// Per-channel bootstrap (grpc-js-xds 1.14 reads it in resolver-xds.ts). The environment variables
// are read once per process and cached, which would tie every test to the first control plane.
const BOOTSTRAP_OPTION = 'grpc.TEST_ONLY_DO_NOT_USE_IN_PROD.xds_bootstrap_config';
const RPC_DEADLINE_MS = 5000;

export function xdsClient(serviceName: string, bootstrap: string): GreeterClient {
  return new GreeterClient(`xds:///${serviceName}`, credentials.createInsecure(), {
    [BOOTSTRAP_OPTION]: bootstrap,
  });
}

/** One SayHello; resolves to the backend that answered (its `hostname` header). */
export function sayHello(client: GreeterClient): Promise<string> {
  return new Promise((resolve, reject) => {
    let hostname = '';
    const call = client.sayHello(
      { name: 'world' },
      new Metadata(),
      { deadline: Date.now() + RPC_DEADLINE_MS },
      (error: ServiceError | null) => (error ? reject(error) : resolve(hostname)),
    );
    call.on('metadata', (metadata) => {
      hostname = String(metadata.get('hostname')[0] ?? '');
    });
  });
}

export interface Tally {
  /** Backend name -> replies, in order of first reply. */
  byBackend: Record<string, number>;
  /** Every reply's backend, in order. */
  sequence: string[];
  failures: ServiceError[];
}

/** `count` sequential RPCs (one channel, as the greeter client does); failures are counted, not thrown. */
export async function sayHelloTimes(client: GreeterClient, count: number): Promise<Tally> {
  const tally: Tally = { byBackend: {}, sequence: [], failures: [] };
  for (let i = 0; i < count; i++) {
    try {
      const backend = await sayHello(client);
      tally.byBackend[backend] = (tally.byBackend[backend] ?? 0) + 1;
      tally.sequence.push(backend);
    } catch (error) {
      tally.failures.push(error as ServiceError);
    }
  }
  return tally;
}

/** Calls until every named backend has answered at least once (all subchannels READY). */
export async function untilAllAnswer(client: GreeterClient, backends: string[]): Promise<void> {
  const seen = new Set<string>();
  while (!backends.every((backend) => seen.has(backend))) seen.add(await sayHello(client));
}
