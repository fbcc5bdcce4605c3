import { parseServerFlags } from './flags';

describe('parseServerFlags', () => {
  it("defaults to grpc-go's example port and reads identity from the pod environment", () => {
    const config = parseServerFlags([], {
      POD_NAME: 'istio-grpc-server-v1-abc',
      SERVICE_VERSION: 'v2',
    });
    expect(config).toMatchObject({
      listen: { host: '0.0.0.0', port: 50051 },
      hostname: 'istio-grpc-server-v1-abc',
      serviceVersion: 'v2',
      drainMs: 5000,
      maxConnectionAgeMs: 0,
    });
  });

  it('lets flags override the environment and reads Go durations', () => {
    const config = parseServerFlags(
      [
        '--address=:9090',
        '--hostname=pod-a',
        '--service-version',
        'v3',
        '--max-connection-age=30s',
        '--drain-seconds=0',
      ],
      { POD_NAME: 'ignored' },
    );
    expect(config).toMatchObject({
      listen: { host: '0.0.0.0', port: 9090 },
      hostname: 'pod-a',
      serviceVersion: 'v3',
      maxConnectionAgeMs: 30_000,
      drainMs: 0,
    });
  });

  it('keeps the access log off unless --access-log or ACCESS_LOG turns it on; the flag wins', () => {
    expect(parseServerFlags([], {})?.accessLog).toBe(false);
    expect(parseServerFlags(['--access-log'], {})?.accessLog).toBe(true);
    expect(parseServerFlags([], { ACCESS_LOG: 'true' })?.accessLog).toBe(true);
    expect(parseServerFlags(['--access-log=false'], { ACCESS_LOG: '1' })?.accessLog).toBe(false);
  });

  it.each([
    [{ POD_NAME: 'istio-grpc-server-v2-66d9b8847-276bd' }, [], 'v2'],
    [{}, ['--hostname=istio-grpc-server-v3-abc'], 'v3'],
    [{ POD_NAME: 'pod-a' }, [], 'unknown'],
  ])('without SERVICE_VERSION takes the version from the pod name (%j %j: %s)', (env, argv, v) => {
    expect(parseServerFlags(argv, env)?.serviceVersion).toBe(v);
  });

  it.each([
    [['--access-log=yes'], '--access-log: invalid boolean value "yes"'],
    [['--address=8080'], '--address: "8080" is not host:port or :port'],
    [['--drain-seconds=-1'], '--drain-seconds: must be at least 0'],
    [['--max-connection-age=30'], '--max-connection-age: invalid duration "30"'],
    [['--tls-cert=a.pem'], '--tls-cert and --tls-key go together'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseServerFlags(argv, {})).toThrow(message);
  });

  it('rejects an ACCESS_LOG that is not a Go boolean, naming the variable', () => {
    expect(() => parseServerFlags([], { ACCESS_LOG: 'on' })).toThrow(
      'ACCESS_LOG: invalid boolean value "on"',
    );
  });

  it('reads --failure-rate as a share from 0 to 1, default 0', () => {
    expect(parseServerFlags([], {})?.failureRate).toBe(0);
    expect(parseServerFlags(['--failure-rate=0.25'], {})?.failureRate).toBe(0.25);
  });

  it("enforces grpc-go's default keepalive policy (MinTime 5m, no pings without calls) and replies at once by default", () => {
    const config = parseServerFlags([], {});
    expect(config?.keepaliveEnforcement).toEqual({
      minTimeMs: 300_000,
      permitWithoutStream: false,
    });
    expect(config?.replyDelayMs).toBe(0);
  });

  it('reads the keepalive policy and the reply delay as Go durations', () => {
    const config = parseServerFlags(
      ['--keepalive-min-time=10s', '--keepalive-permit-without-stream', '--reply-delay=1.5s'],
      {},
    );
    expect(config?.keepaliveEnforcement).toEqual({ minTimeMs: 10_000, permitWithoutStream: true });
    expect(config?.replyDelayMs).toBe(1500);
  });

  it.each([
    [['--keepalive-min-time=10'], '--keepalive-min-time'],
    [['--reply-delay=-1s'], '--reply-delay'],
    [['--keepalive-permit-without-stream=maybe'], 'keepalive-permit-without-stream'],
  ])('rejects %j in one line', (argv, flag) => {
    expect(() => parseServerFlags(argv, {})).toThrow(flag);
  });

  it.each(['1.5', '-0.1', 'half', ''])('rejects --failure-rate=%j in one line', (value) => {
    expect(() => parseServerFlags([`--failure-rate=${value}`], {})).toThrow(
      `--failure-rate: must be a number from 0 to 1, got "${value}"`,
    );
  });
});
