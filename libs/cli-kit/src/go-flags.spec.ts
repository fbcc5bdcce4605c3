import { booleanFromEnv, goFlagParser, rejectInvalidBooleans } from './go-flags';
import { UsageError } from './usage-error';

function parse(argv: string[]) {
  return goFlagParser(argv, 'tool')
    .options({ addr: { type: 'string' }, insecure: { type: 'boolean', default: false } })
    .parseSync();
}

describe('goFlagParser', () => {
  it('reads single-dash long flags the way Go does', () => {
    expect(parse(['-addr=:8080']).addr).toBe(':8080');
  });

  it('accepts --flag=value, --flag value and a bare boolean', () => {
    expect(parse(['--addr', 'h:1', '--insecure'])).toMatchObject({ addr: 'h:1', insecure: true });
    expect(parse(['--addr=h:1', '--insecure=false'])).toMatchObject({
      addr: 'h:1',
      insecure: false,
    });
  });

  it('turns an unknown flag into a UsageError naming it', () => {
    expect(() => parse(['--bogus'])).toThrow(new UsageError('Unknown argument: bogus'));
  });
});

describe('rejectInvalidBooleans', () => {
  it('normalises the spellings Go accepts', () => {
    expect(rejectInvalidBooleans(['--insecure=T', '-tls=0'], ['insecure', 'tls'])).toEqual([
      '--insecure=true',
      '--tls=false',
    ]);
  });

  it('rejects a value Go would reject instead of reading it as false', () => {
    expect(() => rejectInvalidBooleans(['--insecure=maybe'], ['insecure'])).toThrow(
      '--insecure: invalid boolean value "maybe"',
    );
  });
});

describe('booleanFromEnv', () => {
  it('reads the spellings Go accepts, and the fallback when unset or empty', () => {
    expect(booleanFromEnv({ ACCESS_LOG: 'true' }, 'ACCESS_LOG')).toBe(true);
    expect(booleanFromEnv({ ACCESS_LOG: '0' }, 'ACCESS_LOG', true)).toBe(false);
    expect(booleanFromEnv({ ACCESS_LOG: '' }, 'ACCESS_LOG', true)).toBe(true);
    expect(booleanFromEnv({}, 'ACCESS_LOG')).toBe(false);
  });

  it('rejects a typo naming the variable instead of reading it as false', () => {
    expect(() => booleanFromEnv({ ACCESS_LOG: 'yes' }, 'ACCESS_LOG')).toThrow(
      new UsageError('ACCESS_LOG: invalid boolean value "yes"'),
    );
  });
});
