// The xDS bootstrap a grpc-js-xds client needs to find a control plane. Hand it over as JSON in
// the GRPC_XDS_BOOTSTRAP_CONFIG environment variable (a child process) or the channel option
// 'grpc.TEST_ONLY_DO_NOT_USE_IN_PROD.xds_bootstrap_config' (one channel, as the tests do).

export interface BootstrapOptions {
  port: number;
  host?: string;
  /** Shows up in the control plane's events; Istio puts the pod's identity here. */
  nodeId?: string;
  /** The node's metadata; istiod reads the proxy's generator, namespace and cluster from it. */
  nodeMetadata?: Record<string, string>;
}

export interface XdsBootstrap {
  xds_servers: {
    server_uri: string;
    channel_creds: { type: 'insecure' }[];
    server_features: string[];
  }[];
  node: { id: string; locality: Record<string, string>; metadata?: Record<string, string> };
}

export const DEFAULT_NODE_ID = 'grpc-greeter-lab';

export function makeBootstrap({
  port,
  host = '127.0.0.1',
  nodeId = DEFAULT_NODE_ID,
  nodeMetadata,
}: BootstrapOptions): XdsBootstrap {
  return {
    xds_servers: [
      {
        server_uri: `${host}:${port}`,
        channel_creds: [{ type: 'insecure' }],
        server_features: ['xds_v3'],
      },
    ],
    // grpc-js-xds refuses a node without a locality, even an empty one.
    node: { id: nodeId, locality: {}, ...(nodeMetadata && { metadata: nodeMetadata }) },
  };
}
