import { runApp, startGreeterServer } from '@grpc-greeter/testing';
import { runClient } from './run-client';

/** The `[default: "…"]` yargs prints after --address in an app's --help. */
async function defaultAddress(app: 'greeter-server' | 'greeter-client'): Promise<string> {
  const help = await runApp(app, ['--help']);
  // One entry per flag; yargs may wrap an entry, never into the next flag's line.
  const entry = help.stdout
    .split(/\n(?=\s*--)/)
    .find((e) => e.trimStart().startsWith('--address '));
  const match = entry && /\[default: "([^"]+)"\]/.exec(entry);
  if (!match) throw new Error(`${app} --help shows no default --address:\n${help.stdout}`);
  return match[1];
}

describe('greeter-server and greeter-client without --address', () => {
  it('listen on and dial the same port', async () => {
    const [server, client] = await Promise.all([
      defaultAddress('greeter-server'),
      defaultAddress('greeter-client'),
    ]);
    expect({ server, client }).toEqual({ server: '0.0.0.0:50051', client: 'localhost:50051' });
  });

  it("work together: the client's localhost reaches the server's 0.0.0.0", async () => {
    // The default port itself may be taken on a shared machine; the host pair is what can differ.
    const server = await startGreeterServer({ args: ['--address=0.0.0.0:0'] });
    try {
      const result = await runClient(['--insecure', `--address=localhost:${server.port}`]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('9 ok, 0 failed');
    } finally {
      await server.stop();
    }
  });
});
