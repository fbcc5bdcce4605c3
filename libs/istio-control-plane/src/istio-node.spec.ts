import { validateBootstrapConfig } from '@grpc/grpc-js-xds/build/src/xds-bootstrap';
import { makeBootstrap } from '@grpc-greeter/xds-bootstrap';
import { ISTIO_VERSION, istioNode, xdsTarget } from './istio-node';

const pod = { podName: 'istio-grpc-client-0', namespace: 'grpc-sidecar', ip: '127.0.0.1' };

describe('istioNode', () => {
  it("Should name the pod as Istio's agent does: sidecar~<ip>~<pod>.<ns>~<ns>.svc.cluster.local", () => {
    expect(istioNode(pod).nodeId).toBe(
      'sidecar~127.0.0.1~istio-grpc-client-0.grpc-sidecar~grpc-sidecar.svc.cluster.local',
    );
  });

  it('Should ask for the proxyless generator and say namespace, cluster and Istio version', () => {
    expect(istioNode(pod).nodeMetadata).toEqual({
      GENERATOR: 'grpc',
      NAMESPACE: 'grpc-sidecar',
      CLUSTER_ID: 'Kubernetes',
      ISTIO_VERSION,
    });
  });

  it('Should make a bootstrap grpc-js-xds accepts', () => {
    const validated = validateBootstrapConfig(makeBootstrap({ port: 15010, ...istioNode(pod) }));
    expect(validated.node.id).toBe(istioNode(pod).nodeId);
  });
});

describe('xdsTarget', () => {
  it('Should be the name a proxyless pod dials in a cluster', () => {
    expect(xdsTarget('istio-grpc-server', 'grpc-sidecar', 8080)).toBe(
      'xds:///istio-grpc-server.grpc-sidecar.svc.cluster.local:8080',
    );
  });
});
