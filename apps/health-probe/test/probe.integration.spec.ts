import { once } from 'node:events';
import { rmSync } from 'node:fs';
import {
  makeSelfSignedCert,
  runApp,
  startGreeterServer,
  waitFor,
  type GreeterServerProcess,
} from '@grpc-greeter/testing';

function probe(args: string[]) {
  return runApp('health-probe', args);
}

describe('grpc_health_probe-compatible exit codes against the real greeter-server', () => {
  let server: GreeterServerProcess;
  beforeAll(async () => {
    server = await startGreeterServer({ args: ['--drain-seconds=30'] });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('exits 0 and prints "status: SERVING" for a serving server, with the tutorial flag form -addr=:<port>', async () => {
    const result = await probe([`-addr=:${server.port}`]);
    expect(result).toMatchObject({ code: 0, stdout: 'status: SERVING\n' });
  });

  it('checks a named service with -service', async () => {
    expect(
      (await probe([`-addr=127.0.0.1:${server.port}`, '-service=helloworld.Greeter'])).code,
    ).toBe(0);
    const unknown = await probe([`-addr=127.0.0.1:${server.port}`, '-service=no.Such']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('error: health rpc failed');
  });

  it('exits 2 when nothing listens within -connect-timeout', async () => {
    const result = await probe(['-addr=127.0.0.1:1', '-connect-timeout=300ms']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('timeout: failed to connect service "127.0.0.1:1"');
  });

  it('exits 1 on bad flags', async () => {
    expect((await probe([])).code).toBe(1);
    expect((await probe(['-addr=:1', '-bogus'])).code).toBe(1);
    expect((await probe(['-addr=:1', '-tls-no-verify'])).stderr).toContain(
      'specified -tls-* flags without -tls',
    );
  });

  // Last: it puts the shared server into its drain.
  it('exits 4 once the server reports NOT_SERVING (draining after SIGTERM)', async () => {
    server.child.kill('SIGTERM');
    await waitFor('draining', () => server.events.some((e) => e.msg === 'draining'));
    const result = await probe([`-addr=:${server.port}`]);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe('service unhealthy (responded with "NOT_SERVING")\n');
  });
});

describe('probe over TLS', () => {
  it('verifies with -tls-ca-cert, or skips verification with -tls-no-verify', async () => {
    const tls = makeSelfSignedCert();
    const server = await startGreeterServer({
      args: [`--tls-cert=${tls.cert}`, `--tls-key=${tls.key}`],
    });
    try {
      const addr = `-addr=localhost:${server.port}`;
      expect((await probe([addr, '-tls', `-tls-ca-cert=${tls.cert}`])).code).toBe(0);
      expect((await probe([addr, '-tls', '-tls-no-verify'])).code).toBe(0);
      expect((await probe([addr, '-tls', '-connect-timeout=500ms'])).code).not.toBe(0);
    } finally {
      const exited = once(server.child, 'exit');
      server.child.kill('SIGKILL');
      await exited;
      rmSync(tls.dir, { recursive: true, force: true });
    }
  });
});

describe('health-probe --help', () => {
  // The bundle lays --help out with cliui's CommonJS build: its ESM build broke lines mid-word.
  it('wraps at spaces, never inside a word', async () => {
    const result = await probe(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(
      'Calls grpc.health.v1.Health/Check, like grpc-ecosystem/grpc-health-probe. Exit codes: 0 SERVING,',
    );
  });
});
