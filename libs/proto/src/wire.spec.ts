import { HelloReply, HelloRequest } from './index';

// Golden bytes are what grpc-go's helloworld encodes: field 1, wire type 2 (0x0a), length, UTF-8.
describe('helloworld wire format', () => {
  it('encodes HelloRequest{name:"world"} exactly as protoc-generated Go code does', () => {
    const bytes = HelloRequest.encode({ name: 'world' }).finish();
    expect(Buffer.from(bytes).toString('hex')).toBe('0a05776f726c64');
  });

  it('decodes a HelloReply written by the Go server', () => {
    const goBytes = Buffer.concat([Buffer.from([0x0a, 11]), Buffer.from('Hello world')]);
    expect(HelloReply.decode(goBytes)).toEqual({ message: 'Hello world' });
  });

  it('encodes empty strings as no bytes at all (proto3 default)', () => {
    expect(HelloRequest.encode({ name: '' }).finish()).toHaveLength(0);
  });
});
