import type { Socket } from 'node:net';
import { credentials, Metadata, status } from '@grpc/grpc-js';
import { GreeterClient } from '@grpc-greeter/proto';
import type { GreeterServerProcess } from '@grpc-greeter/testing';
import { ProcessRegistry } from '@grpc-greeter/greeter-process';
import { runClient, startServer } from './support/processes';
import { closedWithin, connectAndSend } from './support/raw-connection';

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
// The same bytes every run, so a failure reproduces.
const NOISE = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
// 5 MiB: over grpc-js's default 4 MiB receive limit.
const OVERSIZED_NAME = 'x'.repeat(5 * 1024 * 1024);

function greet(client: GreeterClient, name: string): Promise<string> {
  return new Promise((resolve, reject) =>
    client.sayHello({ name }, new Metadata(), { deadline: Date.now() + 10_000 }, (error, reply) =>
      error ? reject(error) : resolve(reply.message),
    ),
  );
}

describe('greeter-server on bad input', () => {
  const registry = new ProcessRegistry();
  const sockets: Socket[] = [];
  let server: GreeterServerProcess;

  beforeEach(async () => {
    server = await startServer(registry, { hostname: 'greeter-bad-input-v1' });
  });
  afterEach(async () => {
    sockets.splice(0).forEach((socket) => socket.destroy());
    await registry.stopAll();
  });

  /** The real client, started after the abuse, gets every answer from the same process. */
  async function expectServedByTheNextClient(): Promise<void> {
    const next = await runClient(registry, [
      '--insecure',
      `--address=${server.address}`,
      '--repeat=3',
    ]);
    expect([next.code, next.result.ok]).toEqual([0, 3]);
    expect([server.child.exitCode, server.child.signalCode]).toEqual([null, null]);
  }

  it.each([
    ['noise', NOISE],
    ['an HTTP/1.1 request', Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')],
    ['the HTTP/2 preface then noise', Buffer.concat([HTTP2_PREFACE, NOISE])],
  ])('closes a connection that sends %s, stays up and serves the next client', async (_, bytes) => {
    const socket = await connectAndSend(server.port, bytes);
    sockets.push(socket);
    expect(await closedWithin(socket, 5000)).toBe(true);
    await expectServedByTheNextClient();
  });

  it('keeps serving while a connection hangs half-way through the preface', async () => {
    sockets.push(await connectAndSend(server.port, HTTP2_PREFACE.subarray(0, 10)));
    await expectServedByTheNextClient();
  });

  it('rejects a 5 MiB request with RESOURCE_EXHAUSTED and serves the next client', async () => {
    const client = new GreeterClient(server.address, credentials.createInsecure());
    try {
      await expect(greet(client, OVERSIZED_NAME)).rejects.toMatchObject({
        code: status.RESOURCE_EXHAUSTED,
      });
    } finally {
      client.close();
    }
    await expectServedByTheNextClient();
  });
});
