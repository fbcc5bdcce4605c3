import { once } from 'node:events';
import { connect, type Socket } from 'node:net';

/** A plain TCP connection to 127.0.0.1:port that has written `bytes`, as a broken peer would. */
export async function connectAndSend(port: number, bytes: Buffer): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined); // the server may reset it; that is an allowed answer
  socket.resume(); // read (and drop) what the server answers, or its FIN would go unnoticed
  await once(socket, 'connect');
  socket.write(bytes);
  return socket;
}

/** True once the server closed the connection; false if it still stands after timeoutMs. */
export function closedWithin(socket: Socket, timeoutMs: number): Promise<boolean> {
  if (socket.closed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
