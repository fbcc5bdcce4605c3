import { once } from 'node:events';
import { readFileSync, mkdtempSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '@grpc-greeter/testing';
import { POD, startStandIn } from './stand-in';

/** Opens a CONNECT tunnel through the stand-in and returns the socket and the proxy's status line. */
async function connectThrough(proxy: string, authority: string) {
  const [host, port] = proxy.split(':');
  const socket = connect({ host, port: Number(port) });
  await once(socket, 'connect');
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  const [reply] = (await once(socket, 'data')) as [Buffer];
  return { socket, statusLine: reply.toString().split('\r\n')[0] };
}

async function startEchoServer(): Promise<Server> {
  const server = createServer((socket) => socket.pipe(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

describe('a CONNECT to an IP literal', () => {
  it('Should pass the bytes through as TCP, like PassthroughCluster', async () => {
    const echo = await startEchoServer();
    const standIn = await startStandIn();
    try {
      const { port } = echo.address() as AddressInfo;
      const { socket, statusLine } = await connectThrough(
        standIn.started.outbound,
        `127.0.0.1:${port}`,
      );
      expect(statusLine).toBe('HTTP/1.1 200 Connection established');
      socket.write('ping');
      const [echoed] = (await once(socket, 'data')) as [Buffer];
      expect(echoed.toString()).toBe('ping');
      socket.destroy();
    } finally {
      await standIn.stop();
      echo.close();
    }
  });

  it('Should answer 502 when the address refuses the connection', async () => {
    const echo = await startEchoServer();
    const { port } = echo.address() as AddressInfo;
    echo.close();
    const standIn = await startStandIn();
    try {
      const { socket, statusLine } = await connectThrough(
        standIn.started.outbound,
        `127.0.0.1:${port}`,
      );
      expect(statusLine).toBe('HTTP/1.1 502 Bad Gateway');
      socket.destroy();
    } finally {
      await standIn.stop();
    }
  });
});

describe('the postStart hook', () => {
  it('Should let `pilot-agent wait` end 0 once the proxy is ready', async () => {
    const standIn = await startStandIn();
    try {
      const url = `--url=http://${standIn.started.ready}/healthz/ready`;
      const run = await runApp('sidecar-stand-in', ['wait', url, '--timeoutSeconds=5']);
      expect(run.code).toBe(0);
    } finally {
      await standIn.stop();
    }
  });
});

describe('stopping', () => {
  it('Should stop being ready after the preStop hook posts /drain', async () => {
    const standIn = await startStandIn();
    try {
      const ready = () => fetch(`http://${standIn.started.ready}/healthz/ready`);
      expect((await ready()).status).toBe(200);
      await fetch(`http://${standIn.started.status}/drain`, { method: 'POST' });
      expect((await ready()).status).toBe(503);
    } finally {
      await standIn.stop();
    }
  });

  it('Should exit 0 on SIGTERM', async () => {
    const standIn = await startStandIn();
    expect(await standIn.stop()).toBe(0);
    expect(standIn.stderr()).toBe('');
  });

  it('Should exit 0 when the app posts /quitquitquit, as a finished Job does', async () => {
    const standIn = await startStandIn();
    const exited = once(standIn.child, 'exit');
    const response = await fetch(`http://${standIn.started.status}/quitquitquit`, {
      method: 'POST',
    });
    expect(response.status).toBe(200);
    expect((await exited)[0]).toBe(0);
  });
});

describe('proxyless (the grpc-agent template: DISABLE_ENVOY=true)', () => {
  it('Should write the bootstrap istio-agent writes where GRPC_XDS_BOOTSTRAP points, and serve health', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'stand-in-')), 'proxy', 'grpc-bootstrap.json');
    const standIn = await startStandIn({
      env: { DISABLE_ENVOY: 'true', GRPC_XDS_BOOTSTRAP: path },
    });
    try {
      const bootstrap = JSON.parse(readFileSync(path, 'utf8'));
      expect(bootstrap.xds_servers[0].server_uri).toBe('istiod.istio-system.svc:15010');
      expect(bootstrap.node).toMatchObject({
        id: `sidecar~${POD.ip}~${POD.name}.${POD.namespace}~${POD.namespace}.svc.cluster.local`,
        metadata: { GENERATOR: 'grpc', NAMESPACE: POD.namespace },
      });
      expect(standIn.started).toMatchObject({ mode: 'proxyless', bootstrap: path });
      expect(standIn.started.outbound).toBeUndefined();
      expect((await fetch(`http://${standIn.started.ready}/healthz/ready`)).status).toBe(200);
    } finally {
      await standIn.stop();
    }
  });
});
