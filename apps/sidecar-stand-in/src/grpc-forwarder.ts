import {
  Client,
  credentials,
  Metadata,
  type ChannelOptions,
  type ClientDuplexStream,
  type StatusObject,
} from '@grpc/grpc-js';
import {
  constants,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type ServerHttp2Stream,
} from 'node:http2';
import { frameMessage, MessageDecoder } from './grpc-frames';
import { grpcDeadline, percentEncode } from './grpc-headers';

// Headers that belong to one HTTP/2 hop; grpc-js writes its own on the next one.
const HOP_HEADERS = [
  'content-type',
  'te',
  'user-agent',
  'grpc-timeout',
  'grpc-encoding',
  'grpc-accept-encoding',
  'grpc-status',
  'grpc-message',
];
const GRPC_HEADERS = { ':status': 200, 'content-type': 'application/grpc' };

const passBytes = (bytes: Buffer) => bytes;

function endToEnd(metadata: Metadata): OutgoingHttpHeaders {
  const copy = metadata.clone();
  for (const key of HOP_HEADERS) copy.remove(key);
  return copy.toHttp2Headers();
}

function trailersOf(status: StatusObject): OutgoingHttpHeaders {
  return {
    'grpc-status': String(status.code),
    'grpc-message': percentEncode(status.details),
    ...endToEnd(status.metadata),
  };
}

/**
 * Carries each gRPC request of a tunnel over a grpc-js channel of its own target, as raw bytes: the
 * channel (grpc-js-xds for `xds:///` targets) picks the backend per request, with the routes,
 * weights, retries and timeouts the control plane sent. One channel per target, kept for reuse.
 */
export class GrpcForwarder {
  private readonly clients = new Map<string, Client>();
  private readonly calls = new Set<ClientDuplexStream<Buffer, Buffer>>();

  constructor(private readonly channelOptions: ChannelOptions) {}

  forward(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, target: string): void {
    const path = headers[':path'];
    if (headers[':method'] !== 'POST' || !path?.startsWith('/')) {
      stream.respond({ ':status': 405 }, { endStream: true });
      return;
    }
    const deadline = grpcDeadline(headers['grpc-timeout']);
    const call = this.client(target).makeBidiStreamRequest(
      path,
      passBytes,
      passBytes,
      requestMetadata(headers),
      deadline === undefined ? {} : { deadline },
    );
    this.calls.add(call);
    // A stream the app resets ends in 'close', which cancels the call; its 'error' is no news.
    stream.on('error', () => undefined);
    relayResponse(call, stream, () => this.calls.delete(call));
    relayRequest(stream, call, new MessageDecoder(String(headers['grpc-encoding'] ?? 'identity')));
  }

  close(): void {
    for (const call of this.calls) call.cancel();
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  private client(target: string): Client {
    let client = this.clients.get(target);
    if (!client) {
      client = new Client(target, credentials.createInsecure(), this.channelOptions);
      this.clients.set(target, client);
    }
    return client;
  }
}

function requestMetadata(headers: IncomingHttpHeaders): Metadata {
  const metadata = Metadata.fromHttp2Headers(headers);
  for (const key of HOP_HEADERS) metadata.remove(key);
  return metadata;
}

function relayRequest(
  stream: ServerHttp2Stream,
  call: ClientDuplexStream<Buffer, Buffer>,
  decoder: MessageDecoder,
): void {
  stream.on('data', (chunk: Buffer) => {
    try {
      for (const message of decoder.push(chunk)) {
        if (!call.write(message)) stream.pause();
      }
    } catch {
      // A message the stand-in cannot read (an unknown compression): reset the stream, which the
      // app's gRPC library reports as INTERNAL; closing it cancels the call.
      stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    }
  });
  call.on('drain', () => stream.resume());
  stream.on('end', () => call.end());
}

function relayResponse(
  call: ClientDuplexStream<Buffer, Buffer>,
  stream: ServerHttp2Stream,
  done: () => void,
): void {
  let headersSent = false;
  const sendHeaders = (metadata?: Metadata) => {
    if (headersSent || stream.destroyed || stream.closed) return;
    headersSent = true;
    stream.respond(
      { ...GRPC_HEADERS, ...(metadata && endToEnd(metadata)) },
      { waitForTrailers: true },
    );
  };
  call.on('metadata', sendHeaders);
  call.on('data', (message: Buffer) => {
    sendHeaders();
    if (!stream.destroyed && !stream.write(frameMessage(message))) call.pause();
  });
  stream.on('drain', () => call.resume());
  // The status event carries every outcome; an 'error' listener keeps a failed call from throwing.
  call.on('error', () => undefined);
  call.on('status', (status: StatusObject) => {
    done();
    if (stream.destroyed || stream.closed) return;
    if (!headersSent) {
      // Trailers-only, as the server (or the channel) answered it.
      headersSent = true;
      stream.respond({ ...GRPC_HEADERS, ...trailersOf(status) }, { endStream: true });
      return;
    }
    stream.once('wantTrailers', () => stream.sendTrailers(trailersOf(status)));
    stream.end();
  });
  // The app gave up (cancelled, deadline, connection lost): so does the call it made.
  stream.on('close', () => call.cancel());
}
