import { credentials, status } from '@grpc/grpc-js';
import { GreeterClient } from '@grpc-greeter/proto';
import { startGreeterServer, type GreeterServerProcess } from '@grpc-greeter/testing';
import { sayHello } from '../src/say-hello';

// A 1 MiB name cannot travel through argv (Linux caps one argument at 128 KiB), so these tests call
// the client's own sayHello against the real server process.
describe('large names', () => {
  let server: GreeterServerProcess;
  let client: GreeterClient;

  beforeAll(async () => {
    server = await startGreeterServer();
    client = new GreeterClient(server.address, credentials.createInsecure());
  });
  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  it('answers a 1 MiB name in full', async () => {
    const name = 'x'.repeat(1024 * 1024);
    const reply = await sayHello(client, name, 10_000);
    expect(reply.message).toHaveLength('Hello '.length + name.length);
  });

  it('rejects a name over the 4 MiB receive limit with RESOURCE_EXHAUSTED and keeps serving', async () => {
    await expect(sayHello(client, 'x'.repeat(5 * 1024 * 1024), 10_000)).rejects.toMatchObject({
      code: status.RESOURCE_EXHAUSTED,
    });
    expect((await sayHello(client, 'again', 5000)).message).toBe('Hello again');
    expect(server.child.exitCode).toBeNull();
  });
});
