import { once } from 'node:events';
import { credentials } from '@grpc/grpc-js';
import { GreeterClient } from '@grpc-greeter/proto';
import { startGreeterServer, waitFor } from '@grpc-greeter/testing';
import { healthClient } from './health-client';

function greet(client: GreeterClient, name: string): Promise<string> {
  return new Promise((resolve, reject) =>
    client.sayHello({ name }, (error, reply) => (error ? reject(error) : resolve(reply.message))),
  );
}

describe('greeter-server health and graceful shutdown', () => {
  it('reports SERVING for "" and helloworld.Greeter once listening (Check)', async () => {
    const server = await startGreeterServer();
    const health = healthClient(server.address);
    try {
      await expect(health.check('')).resolves.toBe('SERVING');
      await expect(health.check('helloworld.Greeter')).resolves.toBe('SERVING');
      await expect(health.check('no.Such')).rejects.toMatchObject({ code: 5 });
    } finally {
      health.close();
      await server.stop();
    }
  });

  it('on SIGTERM: Watch sees SERVING → NOT_SERVING, RPCs during the drain succeed, exit 0 within the bound', async () => {
    const drainSeconds = 2;
    const server = await startGreeterServer({
      args: [`--drain-seconds=${drainSeconds}`, '--shutdown-timeout-seconds=2'],
    });
    const health = healthClient(server.address);
    const greeter = new GreeterClient(server.address, credentials.createInsecure());
    const watch = health.watch('helloworld.Greeter');
    try {
      await waitFor('Watch to report SERVING', () => watch.statuses.includes('SERVING'));
      const exited = once(server.child, 'exit');
      const signalledAt = Date.now();
      server.child.kill('SIGTERM');

      await waitFor('Watch to report NOT_SERVING', () => watch.statuses.includes('NOT_SERVING'));
      expect(watch.statuses.slice(0, 2)).toEqual(['SERVING', 'NOT_SERVING']);
      await expect(health.check('')).resolves.toBe('NOT_SERVING');
      // Still answering while Kubernetes removes the endpoint.
      const duringDrain = await Promise.all(
        Array.from({ length: 20 }, (_, i) => greet(greeter, `drain-${i}`)),
      );
      expect(duringDrain).toHaveLength(20);

      const [code] = await exited;
      const elapsed = Date.now() - signalledAt;
      expect(code).toBe(0);
      expect(elapsed).toBeGreaterThanOrEqual(drainSeconds * 1000 - 100);
      expect(elapsed).toBeLessThan((drainSeconds + 2) * 1000 + 2000);
      expect(server.events.map((e) => e.msg)).toEqual(
        expect.arrayContaining(['signal', 'draining', 'shutting down', 'stopped']),
      );
    } finally {
      watch.call.cancel();
      greeter.close();
      health.close();
      await server.stop('SIGKILL');
    }
  });

  it('a second signal during the drain forces the shutdown at once', async () => {
    const server = await startGreeterServer({ args: ['--drain-seconds=30'] });
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await waitFor('draining', () => server.events.some((e) => e.msg === 'draining'));
    const started = Date.now();
    server.child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(server.events.some((e) => e.msg === 'forced shutdown')).toBe(true);
  });
});
