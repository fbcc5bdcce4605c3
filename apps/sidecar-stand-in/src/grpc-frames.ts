import { gunzipSync, inflateSync } from 'node:zlib';

// gRPC's length-prefixed messages (PROTOCOL-HTTP2.md: 1 byte compressed flag, 4 bytes big-endian
// length, the message). Written here because grpc-js keeps its decoder internal, and the stand-in
// must cut a raw HTTP/2 stream into messages to hand them, still encoded, to a grpc-js call.

const HEADER_BYTES = 5;

const DECOMPRESS: Record<string, (bytes: Buffer) => Buffer> = {
  gzip: gunzipSync,
  deflate: inflateSync,
};

/** Feeds on DATA frames, returns the whole messages they complete (uncompressed). */
export class MessageDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** `encoding` is the request's grpc-encoding header, needed only for compressed messages. */
  constructor(private readonly encoding = 'identity') {}

  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const messages: Buffer[] = [];
    while (this.pending.length >= HEADER_BYTES) {
      const length = this.pending.readUInt32BE(1);
      if (this.pending.length < HEADER_BYTES + length) break;
      const body = this.pending.subarray(HEADER_BYTES, HEADER_BYTES + length);
      messages.push(this.pending[0] === 1 ? this.decompress(body) : body);
      this.pending = this.pending.subarray(HEADER_BYTES + length);
    }
    return messages;
  }

  /** True when the stream ended between messages, as a well-formed one does. */
  get idle(): boolean {
    return this.pending.length === 0;
  }

  private decompress(body: Buffer): Buffer {
    const inflate = DECOMPRESS[this.encoding];
    if (!inflate)
      throw new Error(`message compressed with unsupported grpc-encoding "${this.encoding}"`);
    return inflate(body);
  }
}

/** One uncompressed message, framed for the wire. */
export function frameMessage(message: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}
