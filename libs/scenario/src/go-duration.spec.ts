import { parseGoDuration } from './go-duration';

describe('parseGoDuration', () => {
  it.each([
    ['0', 0],
    ['1s', 1000],
    ['10ms', 10],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['.5s', 500],
    ['1.s', 1000],
    ['500us', 0.5],
    ['2µs', 0.002],
    ['1000000ns', 1],
    ['-2ms', -2],
    ['+3s', 3000],
  ])('reads %s as %d ms, as Go does', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', '1', 's', '1 s', '1sec', '.s', '1.2.3s', '-', 'abc', '1s2'])(
    'rejects %j as Go does',
    (text) => {
      expect(() => parseGoDuration(text)).toThrow(/invalid Go duration/);
    },
  );
});
