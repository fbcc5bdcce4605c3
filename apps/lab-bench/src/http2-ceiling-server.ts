import { createServer, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import { parseArgs } from 'node:util';
import { GreeterService } from '@grpc-greeter/proto';

/**
 * The bench's ceiling for any gRPC server on Node: SayHello answered on Node's own http2 module with
 * no gRPC library, doing what greeter-server does per call (decode the request, encode "Hello
 * <name>", send the `hostname` and `version` headers, then `grpc-status` trailers) and nothing else
 * (no deadlines, compression, interceptors or flow control of its own). greeter-server cannot beat
 * it, so its rps and p99 against grpc-go's bound what a grpc-js server can reach on this machine.
 * Hand-written on purpose: measuring what grpc-js costs is the point, so grpc-js cannot be used.
 */
const sayHello = GreeterService.sayHello;
const FRAME_HEADER_BYTES = 5;

function grpcFrame(message: Buffer): Buffer {
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

function answer(stream: ServerHttp2Stream, identity: Record<string, string>, body: Buffer) {
  const trailers = (status: number) => stream.sendTrailers({ 'grpc-status': String(status) });
  const respond = (status: number, payload?: Buffer) => {
    stream.respond(
      { ':status': 200, 'content-type': 'application/grpc', ...identity },
      {
        waitForTrailers: true,
      },
    );
    stream.once('wantTrailers', () => trailers(status));
    stream.end(payload);
  };
  if (body.length < FRAME_HEADER_BYTES) return respond(13); // INTERNAL: no message
  const request = sayHello.requestDeserialize(body.subarray(FRAME_HEADER_BYTES));
  respond(0, grpcFrame(sayHello.responseSerialize({ message: `Hello ${request.name}` })));
}

function serve(address: string, identity: Record<string, string>) {
  const colon = address.lastIndexOf(':');
  const [host, port] = [address.slice(0, colon), Number(address.slice(colon + 1))];
  const server = createServer();
  server.on('stream', (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
    if (headers[':path'] !== sayHello.path) {
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' },
        {
          endStream: true,
        },
      );
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => answer(stream, identity, Buffer.concat(chunks)));
  });
  server.listen(port, host, () => {
    const bound = (server.address() as { port: number }).port;
    process.stdout.write(`${JSON.stringify({ msg: 'listening', port: bound })}\n`);
  });
  process.once('SIGTERM', () => process.exit(0));
}

const { values } = parseArgs({
  options: {
    // The same identity flags as greeter-server and grpc-go-greeter, so the bench starts all alike.
    address: { type: 'string', default: '127.0.0.1:0' },
    hostname: { type: 'string', default: 'http2-ceiling' },
    'service-version': { type: 'string', default: 'v1' },
  },
});
serve(values.address, { hostname: values.hostname, version: values['service-version'] });
