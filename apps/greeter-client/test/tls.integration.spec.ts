import { rmSync } from 'node:fs';
import {
  makeSelfSignedCert,
  startGreeterServer,
  type GreeterServerProcess,
  type TlsFiles,
} from '@grpc-greeter/testing';
import { runClient, TUTORIAL_LINE } from './run-client';

describe('greeter-client over TLS (--insecure=false)', () => {
  let serverCert: TlsFiles;
  let otherCa: TlsFiles;
  let server: GreeterServerProcess;

  beforeAll(async () => {
    serverCert = makeSelfSignedCert();
    otherCa = makeSelfSignedCert();
    server = await startGreeterServer({
      args: [`--tls-cert=${serverCert.cert}`, `--tls-key=${serverCert.key}`],
    });
  });
  afterAll(async () => {
    await server?.stop();
    for (const files of [serverCert, otherCa])
      if (files) rmSync(files.dir, { recursive: true, force: true });
  });

  it('talks TLS when --cert names the CA that signed the server certificate', async () => {
    const result = await runClient([
      '--insecure=false',
      `--cert=${serverCert.cert}`,
      `--address=localhost:${server.port}`,
      '--repeat=2',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(TUTORIAL_LINE);
  });

  it('fails with exit 1 and a clear certificate message when the CA is wrong', async () => {
    const result = await runClient([
      `--cert=${otherCa.cert}`,
      `--address=localhost:${server.port}`,
      '--repeat=1',
      '--retries=0',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not greet: UNAVAILABLE: .*(self[- ]signed|certificate)/i);
    expect(result.stdout).toContain('0 ok, 1 failed');
  });

  it('a TLS client (no --insecure) against a plaintext server fails saying to add --insecure', async () => {
    const plaintext = await startGreeterServer();
    try {
      const result = await runClient([
        `--address=localhost:${plaintext.port}`,
        '--repeat=1',
        '--retries=0',
      ]);
      expect(result.code).toBe(1);
      const lines = result.stderr.split('\n').filter((line) => line.includes('could not greet'));
      expect(lines).toEqual([
        expect.stringMatching(/UNAVAILABLE: .*wrong version number.*: add --insecure\)$/),
      ]);
    } finally {
      await plaintext.stop();
    }
  });

  it('a plaintext client cannot talk to the TLS server', async () => {
    const result = await runClient([
      '--insecure',
      `--address=localhost:${server.port}`,
      '--repeat=1',
      '--retries=0',
      '--timeout=2s',
    ]);
    expect(result.code).toBe(1);
  });
});
