import { formatGoDuration, parseGoDuration } from './go-duration';

describe('parseGoDuration', () => {
  it.each([
    ['0', 0],
    ['5s', 5000],
    ['200ms', 200],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['250us', 0.25],
    ['-2s', -2000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it.each(['', '5', 's', '5 s', '5sec', '1d', 'abc', '5s!'])('rejects %p as Go does', (text) => {
    expect(() => parseGoDuration(text)).toThrow(/invalid duration/);
  });
});

describe('formatGoDuration', () => {
  it('prints the shapes Go prints', () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(200)).toBe('200ms');
    expect(formatGoDuration(5000)).toBe('5s');
    expect(formatGoDuration(90_000)).toBe('1m30s');
  });
});
