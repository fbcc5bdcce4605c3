import { keepaliveOptions } from './channel';
import { parseClientFlags } from './flags';

/** The parsed config; --help is never among these flags. */
function configOf(argv: string[]) {
  const config = parseClientFlags(argv);
  if (!config) throw new Error('--help printed');
  return config;
}

describe('client keepalive flags (grpc-go keepalive.ClientParameters)', () => {
  it('sends no pings by default', () => {
    const config = configOf([]);
    expect(config.keepalive).toEqual({ timeMs: 0, timeoutMs: 20_000, permitWithoutStream: false });
    expect(keepaliveOptions(config.keepalive)).toEqual({});
  });

  it('maps Time, Timeout and PermitWithoutStream to the grpc-js channel options', () => {
    const config = configOf([
      '--keepalive-time=10s',
      '--keepalive-timeout=1s',
      '--keepalive-permit-without-stream',
    ]);
    expect(keepaliveOptions(config.keepalive)).toEqual({
      'grpc.keepalive_time_ms': 10_000,
      'grpc.keepalive_timeout_ms': 1_000,
      'grpc.keepalive_permit_without_calls': 1,
    });
  });

  it('refuses a keepalive time that is not a Go duration', () => {
    expect(() => parseClientFlags(['--keepalive-time=10'])).toThrow('--keepalive-time');
  });
});
