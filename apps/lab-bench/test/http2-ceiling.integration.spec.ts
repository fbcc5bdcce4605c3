import { Client, credentials, status, type ServiceError } from '@grpc/grpc-js';
import {
  builtApp,
  ProcessRegistry,
  type ReplyLine,
  runGreeterClient,
} from '@grpc-greeter/greeter-process';
import { checkIdentityHeaders } from '../src/grpc-go-peer';
import { startPinnedServer, type PinnedServer } from '../src/pinned-server';

/**
 * The bench's Node http2 ceiling only bounds greeter-server if it does the same work per call: the
 * real client must get the same replies and headers from it, and other methods must fail as on a
 * gRPC server.
 */
describe('the bench’s Node http2 ceiling server', () => {
  const registry = new ProcessRegistry();
  let server: PinnedServer;

  beforeAll(async () => {
    server = await startPinnedServer(registry, {
      name: 'http2 ceiling',
      cpu: 0,
      command: process.execPath,
      args: [
        builtApp('lab-bench', 'http2-ceiling-server.js'),
        '--address=127.0.0.1:0',
        '--hostname=ceiling-pod',
        '--service-version=v2',
      ],
    });
  });
  afterAll(() => registry.stopAll());

  it('answers SayHello with the identity headers greeter-server sends', async () => {
    await checkIdentityHeaders(server.address, { hostname: 'ceiling-pod', version: 'v2' });
  });

  it('serves the real greeter-client: the tutorial’s replies, every call OK', async () => {
    const replies: ReplyLine[] = [];
    const run = await runGreeterClient(
      ['--insecure', `--address=${server.address}`, '--repeat=3'],
      {
        registry,
        onReply: (reply) => replies.push(reply),
      },
    );
    expect(run.exitCode).toBe(0);
    expect(replies.map(({ message, pod, version }) => ({ message, pod, version }))).toEqual(
      Array(3).fill({ message: 'Hello world', pod: 'ceiling-pod', version: 'v2' }),
    );
  });

  it('answers another method with UNIMPLEMENTED', async () => {
    const client = new Client(server.address, credentials.createInsecure());
    const error = await new Promise<ServiceError | null>((resolve) =>
      client.makeUnaryRequest(
        '/helloworld.Greeter/SayGoodbye',
        (value: Buffer) => value,
        (value: Buffer) => value,
        Buffer.alloc(0),
        (e) => resolve(e),
      ),
    );
    client.close();
    expect(error?.code).toBe(status.UNIMPLEMENTED);
  });
});
