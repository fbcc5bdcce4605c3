import {
  credentials,
  Metadata,
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerUnaryCall,
} from '@grpc/grpc-js';
import {
  GreeterClient,
  GreeterService,
  type HelloReply,
  type HelloRequest,
} from '@grpc-greeter/proto';
import { sayHello } from '../src/say-hello';

// What a backend crash looks like to the one call it was answering: response headers, then
// UNAVAILABLE. The channel's retryPolicy cannot retry that call (it is committed once headers
// arrive), so sayHello does, when given retries.
describe('sayHello and a call lost after its response headers', () => {
  let server: Server;
  let client: GreeterClient;
  let calls = 0;

  beforeEach(async () => {
    calls = 0;
    server = new Server();
    server.addService(GreeterService, {
      sayHello(
        call: ServerUnaryCall<HelloRequest, HelloReply>,
        callback: sendUnaryData<HelloReply>,
      ) {
        calls += 1;
        call.sendMetadata(new Metadata());
        if (calls === 1) callback({ code: status.UNAVAILABLE, details: 'lost after headers' });
        else callback(null, { message: `Hello ${call.request.name}` });
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    client = new GreeterClient(`127.0.0.1:${port}`, credentials.createInsecure());
  });
  afterEach(() => {
    client.close();
    server.forceShutdown();
  });

  it('retries it once more when retries are allowed', async () => {
    await expect(sayHello(client, 'again', 5000, 1)).resolves.toMatchObject({
      message: 'Hello again',
    });
    expect(calls).toBe(2);
  });

  it('reports UNAVAILABLE with retries=0', async () => {
    await expect(sayHello(client, 'once', 5000, 0)).rejects.toMatchObject({
      code: status.UNAVAILABLE,
    });
    expect(calls).toBe(1);
  });
});
