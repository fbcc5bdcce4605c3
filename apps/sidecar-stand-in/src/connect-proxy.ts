import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createH2cServer, type Http2Session } from 'node:http2';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { destinationOf } from './mesh-target';
import type { GrpcForwarder } from './grpc-forwarder';

const ESTABLISHED = 'HTTP/1.1 200 Connection established\r\n\r\n';

/**
 * The sidecar's outbound side, reached by the app's gRPC library through HTTP CONNECT (grpc_proxy):
 * a tunnel to a Service name is opened here as HTTP/2 (h2c) and each of its requests goes through
 * the forwarder; a tunnel to an IP literal, or a name outside the cluster, is relayed as TCP (Envoy's
 * PassthroughCluster).
 */
export class ConnectProxy {
  readonly server: Server = createServer((_request, response) => {
    response.writeHead(405, { allow: 'CONNECT' }).end('only CONNECT is served here\n');
  });
  private readonly sessions = new Set<Http2Session>();
  private draining = false;
  private readonly tunnels = new Set<Duplex>();

  constructor(
    private readonly forwarder: GrpcForwarder,
    private readonly podNamespace: string,
  ) {
    this.server.on('connect', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.open(request.url ?? '', socket as Socket, head),
    );
  }

  /**
   * HTTP/2 tunnels not closed yet. One closes once its calls have ended and its last frames are
   * written, so a drain waits for this rather than for the calls' statuses.
   */
  get openSessions(): number {
    return this.sessions.size;
  }

  /** Stops taking tunnels; open HTTP/2 tunnels get a GOAWAY, so calls in flight may finish. */
  drain(): void {
    this.draining = true;
    this.server.close();
    for (const session of this.sessions) session.close();
  }

  /** Ends whatever is still open. */
  destroy(): void {
    for (const tunnel of this.tunnels) tunnel.destroy();
    this.server.closeAllConnections();
  }

  private open(authority: string, socket: Socket, head: Buffer): void {
    this.track(socket);
    const destination = destinationOf(authority, this.podNamespace);
    if (!destination) {
      socket.end(`HTTP/1.1 400 Bad Request\r\n\r\nnot host:port: ${authority}\n`);
      return;
    }
    if (destination.kind === 'passthrough') {
      this.passThrough(socket, head, destination.host, destination.port);
      return;
    }
    socket.write(ESTABLISHED);
    if (head.length) socket.unshift(head);
    const h2c = createH2cServer();
    h2c.on('session', (session: Http2Session) => {
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
      // A tunnel accepted just before the drain began is drained too.
      if (this.draining) session.close();
    });
    h2c.on('stream', (stream, headers) =>
      this.forwarder.forward(stream, headers, destination.target),
    );
    h2c.emit('connection', socket);
  }

  private passThrough(socket: Socket, head: Buffer, host: string, port: number): void {
    const upstream = connect({ host, port });
    this.track(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      socket.write(ESTABLISHED);
      if (head.length) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.once('error', (error) => {
      if (!connected) socket.end(`HTTP/1.1 502 Bad Gateway\r\n\r\n${error.message}\n`);
      else socket.destroy();
    });
    socket.once('error', () => upstream.destroy());
    socket.once('close', () => upstream.destroy());
    upstream.once('close', () => socket.destroy());
  }

  private track(socket: Duplex): void {
    this.tunnels.add(socket);
    socket.once('close', () => this.tunnels.delete(socket));
    // A reset by the other side is the end of that tunnel, not of the sidecar.
    socket.on('error', () => undefined);
  }
}
