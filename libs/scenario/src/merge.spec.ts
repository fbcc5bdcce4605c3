import { mergeValues } from './merge';

describe('mergeValues (helm -f semantics)', () => {
  const defaults = {
    server: { name: 'istio-grpc-server', port: 8080, versions: [{ name: 'v1' }, { name: 'v2' }] },
    routing: { enabled: false, weights: {} },
  };

  it('merges maps key by key, keeping the defaults the file does not mention', () => {
    const merged = mergeValues(defaults, { server: { port: 9090 } });
    expect(merged.server).toEqual({ ...defaults.server, port: 9090 });
  });

  it('replaces lists wholesale instead of merging them item by item', () => {
    const merged = mergeValues(defaults, { server: { versions: [{ name: 'v3' }] } });
    expect(merged.server).toMatchObject({ versions: [{ name: 'v3' }] });
  });

  it('merges a map of weights over the empty default map', () => {
    const merged = mergeValues(defaults, { routing: { weights: { v1: 90, v2: 10 } } });
    expect(merged.routing).toEqual({ enabled: false, weights: { v1: 90, v2: 10 } });
  });

  it('deletes a default when the file sets it to null, as Helm does', () => {
    const merged = mergeValues(defaults, { routing: { weights: null, extra: { gone: null } } });
    expect(merged.routing).toEqual({ enabled: false, extra: {} });
  });

  it('leaves both inputs untouched', () => {
    const override = { server: { port: 1 } };
    mergeValues(defaults, override);
    expect(defaults.server.port).toBe(8080);
    expect(override).toEqual({ server: { port: 1 } });
  });
});
