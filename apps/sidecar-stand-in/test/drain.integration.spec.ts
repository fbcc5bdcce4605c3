import {
  Client,
  credentials,
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type sendUnaryData,
  type ServerUnaryCall,
} from '@grpc/grpc-js';
import { once } from 'node:events';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startControlPlane, type XdsControlPlane } from '@grpc-greeter/xds-control-plane';
import { POD, startStandIn } from './stand-in';

const LISTENER = `slow.${POD.namespace}.svc.cluster.local:8080`;
const CLUSTER = `outbound|8080||slow.${POD.namespace}.svc.cluster.local`;
const METHOD = '/test.Slow/Call';
// Longer than it takes to send SIGTERM, shorter than the stand-in's drain (2s in startStandIn).
const ANSWER_AFTER_MS = 800;

const passBytes = (bytes: Buffer) => bytes;
const slowService: ServiceDefinition = {
  Call: {
    path: METHOD,
    requestStream: false,
    responseStream: false,
    requestSerialize: passBytes,
    requestDeserialize: passBytes,
    responseSerialize: passBytes,
    responseDeserialize: passBytes,
  },
};

let server: Server;
let plane: XdsControlPlane;
let called: Promise<unknown>;

beforeAll(async () => {
  server = new Server();
  let markCalled!: () => void;
  called = new Promise<void>((resolve) => (markCalled = resolve));
  server.addService(slowService, {
    Call: (_call: ServerUnaryCall<Buffer, Buffer>, reply: sendUnaryData<Buffer>) => {
      markCalled();
      setTimeout(() => reply(null, Buffer.from('done')), ANSWER_AFTER_MS);
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  plane = await startControlPlane({
    config: {
      listenerName: LISTENER,
      routeName: CLUSTER,
      domains: [LISTENER],
      clusters: [{ name: CLUSTER, endpoints: [{ host: '127.0.0.1', port }] }],
      route: { cluster: CLUSTER },
    },
  });
});

afterAll(async () => {
  await plane?.close();
  server?.forceShutdown();
});

/** A grpc-js client in the app's place: grpc_proxy is read from the environment when it is made. */
function appClient(proxy: string): Client {
  process.env.grpc_proxy = `http://${proxy}`;
  try {
    return new Client('slow:8080', credentials.createInsecure());
  } finally {
    delete process.env.grpc_proxy;
  }
}

describe('SIGTERM with a call in flight', () => {
  it('Should let the call finish, refuse new tunnels, then exit 0', async () => {
    const standIn = await startStandIn({ xds: `${plane.host}:${plane.port}` });
    const client = appClient(standIn.started.outbound);
    try {
      const reply = new Promise<Buffer>((resolve, reject) =>
        client.makeUnaryRequest(METHOD, passBytes, passBytes, Buffer.alloc(0), (error, value) =>
          error ? reject(error) : resolve(value as Buffer),
        ),
      );
      await called;
      const exited = once(standIn.child, 'exit');
      standIn.child.kill('SIGTERM');
      await sleep(100);

      const [host, port] = standIn.started.outbound.split(':');
      const refused = connect({ host, port: Number(port) });
      await expect(once(refused, 'connect')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect((await reply).toString()).toBe('done');
      expect((await exited)[0]).toBe(0);
    } finally {
      client.close();
      await standIn.stop();
    }
  });
});
