// Wiring: a grpc-js server on loopback serving ADS from snapshots built out of a plain config.
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { EventEmitter } from 'node:events';
import { makeBootstrap } from '@grpc-greeter/xds-bootstrap';
import { type AdsEvents, AdsServer } from './ads-server';
import { adsServiceDefinition } from './protos';
import { buildSnapshot, type Snapshot, type XdsConfig } from './resources';

// Bound on a graceful stop: clients reopen their stream at once, so don't wait for them to leave.
const SHUTDOWN_GRACE_MS = 1000;

export interface ControlPlaneOptions {
  /** What to serve from the first request on. */
  config: XdsConfig;
  host?: string;
  /** 0 (default) picks a free port; pass the old port to restart in place. */
  port?: number;
}

export interface XdsControlPlane {
  readonly host: string;
  readonly port: number;
  /** ACKs, NACKs, responses and streams, as they happen. */
  readonly events: EventEmitter<AdsEvents>;
  /** Pushes a new config; only resource types whose content changed are resent. */
  setSnapshot(config: XdsConfig): Snapshot;
  /** The bootstrap JSON pointing a client at this control plane. */
  bootstrap(nodeId?: string): string;
  close(): Promise<void>;
}

export async function startControlPlane(options: ControlPlaneOptions): Promise<XdsControlPlane> {
  const { host = '127.0.0.1' } = options;
  const ads = new AdsServer(buildSnapshot(options.config));
  const server = new Server();
  server.addService(adsServiceDefinition(), ads.implementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${host}:${options.port ?? 0}`,
      ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    );
  });
  return {
    host,
    port,
    events: ads,
    setSnapshot(config) {
      const snapshot = buildSnapshot(config);
      ads.setSnapshot(snapshot);
      return snapshot;
    },
    bootstrap: (nodeId) => JSON.stringify(makeBootstrap({ host, port, nodeId })),
    close: () => shutdown(server, ads),
  };
}

async function shutdown(server: Server, ads: AdsServer): Promise<void> {
  ads.endAllStreams();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, SHUTDOWN_GRACE_MS);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
