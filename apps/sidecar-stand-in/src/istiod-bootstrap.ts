import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { istioNode } from '@grpc-greeter/istio-control-plane';
import { makeBootstrap, type XdsBootstrap } from '@grpc-greeter/xds-bootstrap';
import { type AgentEnv, ISTIOD_PLAINTEXT_PORT } from './agent-env';

// Istio's agent names gRPC servers' inbound listeners this way in every bootstrap it writes
// (pkg/istio-agent/grpcxds); a proxyless server in the pod looks its listener up by it.
const SERVER_LISTENER_TEMPLATE = 'xds.istio.io/grpc/lds/inbound/%s';

export interface XdsServerAddress {
  host: string;
  port: number;
}

/**
 * The bootstrap istio-agent would give gRPC for this pod: its node identity (GENERATOR grpc, so
 * istiod answers with its proxyless generator, the resources grpc-js-xds understands), pointed at
 * istiod's PLAINTEXT port 15010 rather than the 15012 of discoveryAddress: grpc-js-xds speaks only
 * insecure (or google_default) channel credentials, and istio-agent's CA client, which would fetch
 * the pod's certificate for the mTLS port, is not modelled.
 */
export type IstioBootstrap = XdsBootstrap & { server_listener_resource_name_template: string };

export function istiodBootstrap(agent: AgentEnv, override?: XdsServerAddress): IstioBootstrap {
  return {
    ...makeBootstrap({
      host: override?.host ?? agent.istiodHost,
      port: override?.port ?? ISTIOD_PLAINTEXT_PORT,
      ...istioNode(agent.pod),
    }),
    server_listener_resource_name_template: SERVER_LISTENER_TEMPLATE,
  };
}

/** Writes it where the app's GRPC_XDS_BOOTSTRAP points, whole or not at all, as istio-agent does. */
export function writeBootstrapFile(path: string, bootstrap: IstioBootstrap): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.tmp-${process.pid}`;
  writeFileSync(partial, `${JSON.stringify(bootstrap, null, 2)}\n`, { mode: 0o644 });
  renameSync(partial, path);
}
