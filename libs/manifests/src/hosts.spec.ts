import { flagValue, withoutFlag } from './args';
import { resolveHost, targetHost } from './hosts';

describe('hosts', () => {
  it.each([
    ['istio-grpc-server:8080', 'istio-grpc-server', 8080],
    ['dns:///istio-grpc-server:8080', 'istio-grpc-server', 8080],
    ['xds:///a.ns.svc.cluster.local:8080', 'a.ns.svc.cluster.local', 8080],
    ['localhost:50051', 'localhost', 50051],
    ['istio-grpc-server', 'istio-grpc-server', undefined],
  ])('Should read the host of gRPC target %s', (target, host, port) => {
    expect(targetHost(target)).toEqual({ host, port });
  });

  it.each([
    ['a', 'a.ns.svc.cluster.local'],
    ['a.other', 'a.other.svc.cluster.local'],
    ['a.other.svc', 'a.other.svc.cluster.local'],
    ['a.other.svc.cluster.local', 'a.other.svc.cluster.local'],
  ])('Should resolve host %s in namespace ns as Istio does', (host, fqdn) => {
    expect(resolveHost(host, 'ns')).toBe(fqdn);
  });
});

describe('rendered flags', () => {
  const args = ['--insecure', '--address=x:1', '--expect', 'v1=90,v2=10', '--tolerance=8'];

  it('Should read --name=value, --name value and bare booleans', () => {
    expect([
      flagValue(args, 'address'),
      flagValue(args, 'expect'),
      flagValue(args, 'insecure'),
    ]).toEqual(['x:1', 'v1=90,v2=10', 'true']);
    expect(flagValue(args, 'repeat')).toBeUndefined();
  });

  it('Should drop a flag with its separate value', () => {
    expect(withoutFlag(args, 'expect')).toEqual(['--insecure', '--address=x:1', '--tolerance=8']);
  });
});
