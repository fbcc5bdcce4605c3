import { parseDurationFlag, parseInteger, requireNonEmpty } from './flag-values';
import { parseListenAddress } from './listen-address';

describe('flag values', () => {
  it('names the flag and the typed text when an integer is wrong', () => {
    expect(() => parseInteger('repeat', 'abc')).toThrow('--repeat: "abc" is not an integer');
    expect(() => parseInteger('repeat', '-1', { min: 0 })).toThrow('--repeat: must be at least 0');
    expect(parseInteger('repeat', '100', { min: 0 })).toBe(100);
  });

  it('wraps duration errors with the flag name', () => {
    expect(() => parseDurationFlag('timeout', '5 seconds')).toThrow(/^--timeout: invalid duration/);
    expect(parseDurationFlag('timeout', '5s')).toBe(5000);
  });

  it('rejects empty values', () => {
    expect(() => requireNonEmpty('address', ' ')).toThrow('--address: must not be empty');
  });
});

describe('parseListenAddress', () => {
  it.each([
    ['0.0.0.0:8080', { host: '0.0.0.0', port: 8080 }],
    [':8080', { host: '0.0.0.0', port: 8080 }],
    ['[::1]:0', { host: '[::1]', port: 0 }],
  ])('reads %s', (raw, expected) => {
    expect(parseListenAddress('address', raw)).toEqual(expected);
  });

  it.each(['8080', 'host:', 'host:99999', ''])('rejects %p', (raw) => {
    expect(() => parseListenAddress('address', raw)).toThrow(/^--address:/);
  });
});
