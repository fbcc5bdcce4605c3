import { parseClientFlags } from './flags';
import { withFailedShare } from './expectation';

describe('--expect-failed', () => {
  it('passes within the tolerance and names the share it judged', () => {
    expect(withFailedShare(undefined, 50, 8, { ok: 104, failed: 96 })).toEqual({
      spec: 'failed=50',
      tolerance: 8,
      pass: true,
      problems: [],
    });
  });

  it('adds its miss to the split result', () => {
    const split = { spec: 'v1=100,v2=0', tolerance: 8, pass: true, problems: [] };
    const result = withFailedShare(split, 50, 8, { ok: 200, failed: 0 });
    expect(result).toMatchObject({ spec: 'v1=100,v2=0 failed=50', pass: false });
    expect(result.problems).toEqual(['failed: expected 50%, got 0.0% (0/200), off by 50.0 pp']);
  });

  it('is a percentage from 0 to 100', () => {
    expect(parseClientFlags(['--expect-failed=50'])?.expectFailedPercent).toBe(50);
    expect(() => parseClientFlags(['--expect-failed=101'])).toThrow(
      '--expect-failed: must be at most 100, got 101',
    );
  });
});
