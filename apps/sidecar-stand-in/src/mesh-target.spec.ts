import { destinationOf } from './mesh-target';

describe('destinationOf', () => {
  it.each([
    ['greeter:8080', 'xds:///greeter.ns.svc.cluster.local:8080'],
    ['greeter.other:8080', 'xds:///greeter.other.svc.cluster.local:8080'],
    ['greeter.other.svc:8080', 'xds:///greeter.other.svc.cluster.local:8080'],
    ['Greeter.Other.svc.cluster.local:8080', 'xds:///greeter.other.svc.cluster.local:8080'],
  ])('Should read %s as the resolv.conf search list would: %s', (authority, target) => {
    expect(destinationOf(authority, 'ns')).toEqual({ kind: 'xds', target });
  });

  it.each([
    ['10.0.0.7:8080', { host: '10.0.0.7', port: 8080 }],
    ['[fd00::7]:8080', { host: 'fd00::7', port: 8080 }],
    ['api.example.co.uk:443', { host: 'api.example.co.uk', port: 443 }],
  ])('Should pass %s through as TCP', (authority, address) => {
    expect(destinationOf(authority, 'ns')).toEqual({ kind: 'passthrough', ...address });
  });

  it.each(['greeter', 'greeter:0', 'greeter:99999', ':8080'])('Should refuse %p', (authority) => {
    expect(destinationOf(authority, 'ns')).toBeUndefined();
  });
});
