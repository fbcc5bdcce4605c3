import { expectFromWeights, parseExpect } from './expect';

describe('expectation grammar', () => {
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

  it.each(['', 'v1', 'v1=', 'v1=90;v2=10', 'v1 = 90', 'all'])('rejects %j', (spec) => {
    expect(parseExpect(spec)).toBeUndefined();
  });

  it('derives the spec from weights in sorted version order, zeros kept', () => {
    expect(expectFromWeights({ v2: 100, v1: 0 })).toBe('v1=0,v2=100');
    expect(expectFromWeights({})).toBe('');
  });
});
