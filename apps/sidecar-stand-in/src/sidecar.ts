import { once } from 'node:events';
import type { AddressInfo, Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ListenAddress } from '@grpc-greeter/cli-kit';
import type { AgentEnv } from './agent-env';
import { ConnectProxy } from './connect-proxy';
import { GrpcForwarder } from './grpc-forwarder';
import { istiodBootstrap, writeBootstrapFile } from './istiod-bootstrap';
import type { ProxyFlags } from './proxy-flags';
import { createReadyServer, createStatusServer } from './status-server';

// How often a drain looks whether the HTTP/2 tunnels (and so the calls in them) have closed.
const DRAIN_POLL_MS = 50;

export interface RunningSidecar {
  /** What listens where, and the xDS server used: the one line the stand-in prints at start. */
  readonly started: Record<string, string>;
  /** Resolves once a stop (SIGTERM, POST /quitquitquit) has run to its end. */
  readonly stopped: Promise<void>;
  stop(): void;
}

async function listen(server: Server, at: ListenAddress): Promise<string> {
  server.listen(at.port, at.host.replace(/^\[(.*)\]$/, '$1'));
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export async function startSidecar(flags: ProxyFlags, agent: AgentEnv): Promise<RunningSidecar> {
  const bootstrap = istiodBootstrap(agent, flags.xdsOverride);
  const proxyless = agent.proxylessBootstrap;
  let forwarder: GrpcForwarder | undefined;
  let proxy: ConnectProxy | undefined;
  if (proxyless) {
    writeBootstrapFile(proxyless, bootstrap);
  } else {
    // grpc-js-xds reads its bootstrap from here when the first xds:/// channel is made; the file
    // variable would win over it, and in sidecar mode there is no file.
    delete process.env.GRPC_XDS_BOOTSTRAP;
    process.env.GRPC_XDS_BOOTSTRAP_CONFIG = JSON.stringify(bootstrap);
    (await import('@grpc/grpc-js-xds')).register();
    // The stand-in's own channels must not go through a proxy, least of all itself.
    forwarder = new GrpcForwarder({ 'grpc.enable_http_proxy': 0 });
    proxy = new ConnectProxy(forwarder, agent.pod.namespace);
  }

  let accepting = true;
  let stopping: Promise<void> | undefined;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const ready = () => accepting;
  const status = createStatusServer({
    ready,
    appProbers: agent.appProbers,
    probeHost: agent.probeHost,
    quit: () => stop(),
    drain: () => (accepting = false),
  });
  const readiness = createReadyServer(ready);

  const stop = () => {
    stopping ??= (async () => {
      accepting = false;
      proxy?.drain();
      const deadline = Date.now() + agent.drainMs;
      while ((proxy?.openSessions ?? 0) > 0 && Date.now() < deadline) await sleep(DRAIN_POLL_MS);
      proxy?.destroy();
      forwarder?.close();
      for (const server of [status, readiness]) {
        server.close();
        server.closeAllConnections();
      }
      resolveStopped();
    })();
  };

  const started: Record<string, string> = {
    mode: proxyless ? 'proxyless' : 'sidecar',
    xds: bootstrap.xds_servers[0].server_uri,
    node: bootstrap.node.id,
    status: await listen(status, flags.status),
    ready: await listen(readiness, flags.ready),
  };
  if (proxy) started.outbound = await listen(proxy.server, flags.outbound);
  if (proxyless) started.bootstrap = proxyless;
  return { started, stopped, stop };
}
