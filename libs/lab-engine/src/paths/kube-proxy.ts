import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

/**
 * A SIMULATION of a Kubernetes ClusterIP as kube-proxy programs it in iptables mode: every new TCP
 * connection is DNAT-ed to one endpoint chosen at random, and then all bytes of that connection go
 * there. Nothing above TCP is seen, so one long-lived HTTP/2 connection means one pod for every RPC.
 * Written by hand because the point is to show that behaviour, not to proxy well.
 */
export class KubeProxyClusterIp {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  /** `random` is replaceable so a run can be replayed (lab --seed); iptables itself is not seeded. */
  constructor(
    private backends: readonly Backend[],
    private readonly random: () => number = Math.random,
  ) {}

  setBackends(backends: readonly Backend[]): void {
    this.backends = backends;
  }

  async listen(host = '127.0.0.1'): Promise<number> {
    const server = createServer((downstream) => this.forward(downstream));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('ClusterIP did not bind');
    return address.port;
  }

  private forward(downstream: Socket): void {
    const backend = this.backends[Math.floor(this.random() * this.backends.length)];
    if (!backend) return void downstream.destroy();
    const upstream = connect(backend.port, backend.host);
    for (const socket of [downstream, upstream]) {
      // iptables adds no delay; without this, Nagle + delayed ACKs add ~40 ms to every small RPC.
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    // Like a conntrack entry: either side closing or failing tears down the pair.
    downstream.pipe(upstream);
    upstream.pipe(downstream);
    downstream.on('close', () => upstream.destroy());
    upstream.on('close', () => downstream.destroy());
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
