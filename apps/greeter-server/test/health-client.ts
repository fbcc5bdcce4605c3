import {
  credentials,
  makeGenericClientConstructor,
  type ClientReadableStream,
} from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';

const HealthClient = makeGenericClientConstructor(healthService, 'grpc.health.v1.Health');

/** A grpc.health.v1 client built from the same proto the server registers. */
export function healthClient(address: string) {
  const client = new HealthClient(address, credentials.createInsecure());
  return {
    check(service = ''): Promise<string> {
      return new Promise((resolve, reject) =>
        client.Check({ service }, (error: Error | null, reply: { status: string }) =>
          error ? reject(error) : resolve(reply.status),
        ),
      );
    },
    /** Collects every status the Watch stream delivers. */
    watch(service = ''): { statuses: string[]; call: ClientReadableStream<{ status: string }> } {
      const statuses: string[] = [];
      const call = client.Watch({ service }) as ClientReadableStream<{ status: string }>;
      call.on('data', (reply) => statuses.push(reply.status));
      call.on('error', () => undefined);
      return { statuses, call };
    },
    close: () => client.close(),
  };
}
