import { parseExpect } from './expect';

describe('parseExpect', () => {
  it('reads the two pod-count forms', () => {
    expect(parseExpect('one-pod')).toEqual({ kind: 'one-pod', spec: 'one-pod' });
    expect(parseExpect('many-pods')).toEqual({ kind: 'many-pods', spec: 'many-pods' });
  });

  it('reads a percent split by version', () => {
    expect(parseExpect('v1=90,v2=10')).toEqual({
      kind: 'split',
      spec: 'v1=90,v2=10',
      percent: { v1: 90, v2: 10 },
    });
  });
});
