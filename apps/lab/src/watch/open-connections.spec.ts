import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { spawn } from 'node:child_process';
import { waitFor } from '@grpc-greeter/testing';
import { openConnectionsTo } from './open-connections';

// Linux's /proc is what the lab reads; this machine and CI are Linux.
describe('openConnectionsTo', () => {
  const server = createServer((socket) => accepted.push(socket));
  const accepted: Socket[] = [];
  let port: number;

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    accepted.forEach((socket) => socket.destroy());
    server.close();
  });

  it("counts this process's connections to the port, not the accepted ends", async () => {
    expect(openConnectionsTo(process.pid, [port])).toBe(0);
    const clients = [connect(port, '127.0.0.1'), connect(port, '127.0.0.1')];
    await Promise.all(clients.map((client) => once(client, 'connect')));
    expect(openConnectionsTo(process.pid, [port])).toBe(2);
    expect(openConnectionsTo(process.pid, [port + 1])).toBe(0);
    clients.forEach((client) => client.destroy());
  });

  it("does not count another process's connections to the same port", async () => {
    const other = spawn(
      process.execPath,
      ['-e', `require('net').connect(${port}, '127.0.0.1'); setTimeout(() => {}, 60000)`],
      { stdio: 'ignore' },
    );
    await waitFor(
      'the other process to connect',
      () => openConnectionsTo(other.pid as number, [port]) === 1,
    );
    expect(openConnectionsTo(process.pid, [port])).toBe(0);
    other.kill();
    await once(other, 'exit');
  });

  it('is undefined for a process that is not there', () => {
    expect(openConnectionsTo(2 ** 22 + 1, [port])).toBeUndefined();
  });
});
