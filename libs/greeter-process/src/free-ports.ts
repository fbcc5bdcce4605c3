import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

/**
 * `count` distinct ports that were free a moment ago: bind 127.0.0.1:0 that many times at once,
 * then release them. A rolling restart needs ports fixed in advance: the replacement has to come
 * back on the address the client already resolved.
 */
export async function freePorts(count: number): Promise<number[]> {
  const listeners = Array.from({ length: count }, () => createServer().listen(0, '127.0.0.1'));
  await Promise.all(listeners.map((listener) => once(listener, 'listening')));
  const ports = listeners.map((listener) => (listener.address() as AddressInfo).port);
  await Promise.all(listeners.map((listener) => new Promise((done) => listener.close(done))));
  return ports;
}

/** One port that was free a moment ago (see freePorts). */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port;
}
