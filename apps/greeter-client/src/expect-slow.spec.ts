import { parseClientFlags } from './flags';
import { withSlowShare } from './slow-share';

const tenPercentSlow = [...Array<number>(18).fill(2), 250, 301];

describe('--expect-slow', () => {
  it('counts the calls that took the duration or longer, of all calls', () => {
    const slow = { percent: 10, atLeastMs: 250 };
    expect(
      withSlowShare(undefined, slow, 8, { requests: 20, latenciesMs: tenPercentSlow }),
    ).toEqual({ spec: 'slow=10@250ms', tolerance: 8, pass: true, problems: [] });
  });

  it('adds its miss to the split result, failed calls counting as not slow', () => {
    const split = { spec: 'v1=50,v2=50', tolerance: 8, pass: true, problems: [] };
    const slow = { percent: 10, atLeastMs: 1000 };
    const result = withSlowShare(split, slow, 8, { requests: 40, latenciesMs: tenPercentSlow });
    expect(result).toMatchObject({ spec: 'v1=50,v2=50 slow=10@1s', pass: false });
    expect(result.problems).toEqual([
      'slow (>= 1s): expected 10%, got 0.0% (0/40), off by 10.0 pp',
    ]);
  });

  it('is percent@duration', () => {
    expect(parseClientFlags(['--expect-slow=10@200ms'])?.expectSlow).toEqual({
      percent: 10,
      atLeastMs: 200,
    });
    expect(() => parseClientFlags(['--expect-slow=10'])).toThrow(
      '--expect-slow: "10" is not percent@duration (e.g. 10@200ms)',
    );
    expect(() => parseClientFlags(['--expect-slow=101@1s'])).toThrow(
      '--expect-slow: must be at most 100%, got 101',
    );
  });
});
