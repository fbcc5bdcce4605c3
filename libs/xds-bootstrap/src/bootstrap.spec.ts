// grpc-js-xds's own validator, reached by path: it is not part of the package's public API.
import { validateBootstrapConfig } from '@grpc/grpc-js-xds/build/src/xds-bootstrap';
import { makeBootstrap } from './index';

describe('makeBootstrap', () => {
  it('Should point at the control plane on loopback, insecure, xDS v3, with a node locality', () => {
    expect(makeBootstrap({ port: 18000, nodeId: 'lab-client' })).toEqual({
      xds_servers: [
        {
          server_uri: '127.0.0.1:18000',
          channel_creds: [{ type: 'insecure' }],
          server_features: ['xds_v3'],
        },
      ],
      node: { id: 'lab-client', locality: {} },
    });
  });

  it('Should be accepted by the grpc-js-xds bootstrap validator', () => {
    const validated = validateBootstrapConfig(makeBootstrap({ port: 18000 }));
    expect(validated.xdsServers[0].server_uri).toBe('127.0.0.1:18000');
    expect(validated.node.id).toBe('grpc-greeter-lab');
  });

  it('Should carry node metadata through the validator, as istiod reads it', () => {
    const bootstrap = makeBootstrap({ port: 18000, nodeMetadata: { GENERATOR: 'grpc' } });
    expect(validateBootstrapConfig(bootstrap).node.metadata).toEqual({
      fields: { GENERATOR: { stringValue: 'grpc', kind: 'stringValue' } },
    });
  });
});
