import { gzipSync } from 'node:zlib';
import { frameMessage, MessageDecoder } from './grpc-frames';

describe('MessageDecoder', () => {
  it('Should cut messages out of chunks however the stream splits them', () => {
    const wire = Buffer.concat([
      frameMessage(Buffer.from('one')),
      frameMessage(Buffer.from('two')),
    ]);
    const decoder = new MessageDecoder();

    const messages = [...wire].flatMap((byte) => decoder.push(Buffer.from([byte])));

    expect(messages.map(String)).toEqual(['one', 'two']);
    expect(decoder.idle).toBe(true);
  });

  it('Should inflate a message the request says is gzip-compressed', () => {
    const compressed = frameMessage(gzipSync('hello'));
    compressed[0] = 1;

    expect(new MessageDecoder('gzip').push(compressed).map(String)).toEqual(['hello']);
  });

  it('Should refuse a compressed message in an encoding it does not know', () => {
    const compressed = frameMessage(Buffer.from('x'));
    compressed[0] = 1;

    expect(() => new MessageDecoder('snappy').push(compressed)).toThrow(/"snappy"/);
  });
});
