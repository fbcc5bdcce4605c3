import { realpathSync } from 'node:fs';
import {
  credentials,
  loadPackageDefinition,
  Metadata,
  type GrpcObject,
  type ServiceClientConstructor,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { GreeterClient } from '@grpc-greeter/proto';
import { appNode, runApp, startGreeterServer, waitFor } from '@grpc-greeter/testing';

function sayHello(
  client: GreeterClient,
  name: string,
): Promise<{ message: string; headers: Metadata }> {
  return new Promise((resolve, reject) => {
    let headers = new Metadata();
    const call = client.sayHello({ name }, (error, reply) =>
      error ? reject(error) : resolve({ message: reply.message, headers }),
    );
    call.on('metadata', (received: Metadata) => (headers = received));
  });
}

describe('greeter-server', () => {
  it('answers "Hello <name>" with hostname and version headers and, with --access-log, logs one JSON line per RPC', async () => {
    const server = await startGreeterServer({
      hostname: 'istio-grpc-server-v2-xyz',
      version: 'v2',
      args: ['--access-log'],
    });
    const client = new GreeterClient(server.address, credentials.createInsecure());
    try {
      const reply = await sayHello(client, 'world');
      expect(reply.message).toBe('Hello world');
      expect(reply.headers.get('hostname')).toEqual(['istio-grpc-server-v2-xyz']);
      expect(reply.headers.get('version')).toEqual(['v2']);
      await waitFor('the rpc log line', () => server.events.some((e) => e.msg === 'rpc'));
      expect(server.events.find((e) => e.msg === 'rpc')).toMatchObject({
        method: '/helloworld.Greeter/SayHello',
        hostname: 'istio-grpc-server-v2-xyz',
        version: 'v2',
        code: 'OK',
        peer: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      });
    } finally {
      client.close();
      await server.stop();
    }
  });

  it("reports the version in its pod name when SERVICE_VERSION is unset, as with the tutorial's YAML", async () => {
    const { SERVICE_VERSION: _unset, ...env } = process.env;
    const server = await startGreeterServer({
      hostname: 'istio-grpc-server-v2-66d9b8847-276bd',
      version: undefined,
      env,
    });
    const client = new GreeterClient(server.address, credentials.createInsecure());
    try {
      expect(server.version).toBe('v2');
      expect((await sayHello(client, 'world')).headers.get('version')).toEqual(['v2']);
    } finally {
      client.close();
      await server.stop();
    }
  });

  it('runs on the Node that GREETER_APP_NODE selects (the Node running Jest when unset)', async () => {
    const server = await startGreeterServer();
    try {
      expect(realpathSync(`/proc/${server.child.pid}/exe`)).toBe(realpathSync(appNode()));
    } finally {
      await server.stop();
    }
  });

  it('logs only its lifecycle without --access-log, and still sends the identity headers', async () => {
    const server = await startGreeterServer({ hostname: 'quiet-v1', args: ['--drain-seconds=0'] });
    const client = new GreeterClient(server.address, credentials.createInsecure());
    try {
      const reply = await sayHello(client, 'quiet');
      expect(reply.headers.get('hostname')).toEqual(['quiet-v1']);
    } finally {
      client.close();
      await server.stop();
    }
    await waitFor('the stopped line', () => server.events.some((e) => e.msg === 'stopped'));
    expect(server.events.map((e) => e.msg)).toEqual([
      'listening',
      'signal',
      'draining',
      'shutting down',
      'stopped',
    ]);
  });

  it('takes POD_NAME and SERVICE_VERSION from the environment, as the chart sets them', async () => {
    const result = await runApp('greeter-server', ['--help'], {
      env: { ...process.env, POD_NAME: 'pod-from-env', SERVICE_VERSION: 'v9' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[default: "pod-from-env"]');
    expect(result.stdout).toContain('[default: "v9"]');
  });

  it('lists helloworld.Greeter through server reflection', async () => {
    const server = await startGreeterServer();
    const definition = loadSync(
      require.resolve('@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto'),
    );
    const pkg = loadPackageDefinition(definition) as unknown as {
      grpc: { reflection: { v1: GrpcObject } };
    };
    const Reflection = pkg.grpc.reflection.v1.ServerReflection as ServiceClientConstructor;
    const client = new Reflection(server.address, credentials.createInsecure());
    try {
      const services = await new Promise<string[]>((resolve, reject) => {
        const call = client.ServerReflectionInfo();
        call.on(
          'data',
          (reply: { listServicesResponse?: { service: Array<{ name: string }> } }) => {
            resolve(reply.listServicesResponse?.service.map((s) => s.name) ?? []);
            call.end();
          },
        );
        call.on('error', reject);
        call.write({ listServices: '' });
      });
      expect(services).toContain('helloworld.Greeter');
    } finally {
      client.close();
      await server.stop();
    }
  });

  it('with --max-connection-age the same client is moved to new connections (distinct peers)', async () => {
    const server = await startGreeterServer({
      args: ['--max-connection-age=300ms', '--max-connection-age-grace=1s', '--access-log'],
    });
    const client = new GreeterClient(server.address, credentials.createInsecure());
    try {
      const deadline = Date.now() + 1500;
      while (Date.now() < deadline) {
        await sayHello(client, 'aging');
        await new Promise((r) => setTimeout(r, 20));
      }
      const peers = new Set(server.events.filter((e) => e.msg === 'rpc').map((e) => e.peer));
      expect(peers.size).toBeGreaterThan(1);
    } finally {
      client.close();
      await server.stop();
    }
  });

  // The bundle lays --help out with cliui's CommonJS build: its ESM build broke lines mid-word.
  it('--help wraps at spaces, never inside a word', async () => {
    const result = await runApp('greeter-server', ['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(
      '(wire-compatible with grpc-go\'s helloworld example), answering "Hello <name>" with response ' +
        'headers "hostname" and "version", plus grpc.health.v1 and reflection.',
    );
  });

  it('exits 2 with one line on a bad flag', async () => {
    const result = await runApp('greeter-server', ['--address=nope']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'greeter-server: --address: "nope" is not host:port or :port (see greeter-server --help)',
    );
  });
});
