import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { startGreeterServer, type GreeterServerProcess } from '@grpc-greeter/testing';
import { type StandIn, startStandIn } from './stand-in';

// What Istio's injection puts in ISTIO_KUBE_APP_PROBERS for a container "greeter" whose probes were
// grpc (readiness), tcpSocket (liveness), and one whose port nothing listens on (startup).
function appProbers(port: number, closedPort: number, httpPort: number) {
  return {
    '/app-health/web/livez': { httpGet: { path: '/ok', port: httpPort } },
    '/app-health/web/readyz': { httpGet: { path: '/not-yet', port: httpPort } },
    '/app-health/greeter/readyz': { grpc: { port, service: '' }, timeoutSeconds: 1 },
    '/app-health/greeter/livez': { tcpSocket: { port }, timeoutSeconds: 1 },
    '/app-health/greeter/startupz': { grpc: { port: closedPort }, timeoutSeconds: 1 },
  };
}

/** A port that was free a moment ago and that nothing listens on now. */
async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  return port;
}

/** An app with an HTTP health endpoint: /ok answers 200, anything else 503. */
async function startHttpApp(): Promise<Server> {
  const app = createHttpServer((request, response) =>
    response.writeHead(request.url === '/ok' ? 200 : 503).end(),
  );
  app.listen(0, '127.0.0.1');
  await once(app, 'listening');
  return app;
}

let server: GreeterServerProcess;
let httpApp: Server;
let standIn: StandIn;

async function status(path: string, on: 'status' | 'ready' = 'status'): Promise<number> {
  return (await fetch(`http://${standIn.started[on]}${path}`)).status;
}

beforeAll(async () => {
  server = await startGreeterServer();
  httpApp = await startHttpApp();
  const httpPort = (httpApp.address() as AddressInfo).port;
  standIn = await startStandIn({
    env: {
      ISTIO_KUBE_APP_PROBERS: JSON.stringify(appProbers(server.port, await closedPort(), httpPort)),
    },
  });
});

afterAll(async () => {
  await standIn?.stop();
  await server?.stop();
  httpApp?.close();
});

describe('readiness', () => {
  it('Should answer /healthz/ready 200 on the readiness and status ports once listening', async () => {
    expect(await status('/healthz/ready', 'ready')).toBe(200);
    expect(await status('/healthz/ready')).toBe(200);
  });
});

describe("the app's own probes", () => {
  it('Should pass a grpc probe against a SERVING app', async () => {
    expect(await status('/app-health/greeter/readyz')).toBe(200);
  });

  it('Should pass a tcpSocket probe against a listening port', async () => {
    expect(await status('/app-health/greeter/livez')).toBe(200);
  });

  it('Should fail a grpc probe whose port nothing listens on with 500', async () => {
    expect(await status('/app-health/greeter/startupz')).toBe(500);
  });

  it('Should pass an httpGet probe the app answers 200, and fail one it answers 503', async () => {
    expect(await status('/app-health/web/livez')).toBe(200);
    expect(await status('/app-health/web/readyz')).toBe(500);
  });

  it('Should answer 400 for a container the injection wrote no probe for', async () => {
    expect(await status('/app-health/other/readyz')).toBe(400);
  });
});
