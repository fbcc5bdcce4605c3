// A trivial helloworld Greeter that says who answered, the way grpc-node's load_balancing example
// makes balancing visible: every reply carries a `hostname` header naming this backend.
import { GreeterService, type GreeterServer } from '@grpc-greeter/proto';
import { Metadata, Server, ServerCredentials } from '@grpc/grpc-js';

// tryShutdown waits for in-flight RPCs; past this bound the test stops waiting.
const SHUTDOWN_BOUND_MS = 1000;

export interface Backend {
  name: string;
  port: number;
  close(): Promise<void>;
}

export async function startBackend(name: string): Promise<Backend> {
  const server = new Server();
  const greeter: GreeterServer = {
    sayHello(call, callback) {
      const header = new Metadata();
      header.set('hostname', name);
      call.sendMetadata(header);
      callback(null, { message: `Hello ${call.request.name}` });
    },
  };
  server.addService(GreeterService, greeter);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { name, port, close: () => stop(server) };
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, SHUTDOWN_BOUND_MS);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
