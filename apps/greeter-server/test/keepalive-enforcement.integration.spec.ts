// greeter-server's keepalive enforcement against grpc-go's own (apps/grpc-go-greeter, built by the
// test target's dependsOn): the same client, pinging every 20ms through calls that take 1s, gets
// the same answer from both servers: GOAWAY "too_many_pings" on the third bad ping, every call in
// flight failing, and none once the server's policy permits the pings.
import { join } from 'node:path';
import {
  builtApp,
  type GreeterServerProcess,
  runGreeterClient,
  type ServerProgram,
  startGreeterServer,
} from '@grpc-greeter/greeter-process';
import { appNode, workspaceRoot } from '@grpc-greeter/testing';

const SERVERS = {
  'greeter-server': { main: builtApp('greeter-server'), node: appNode() },
  'grpc-go-greeter': {
    executable: join(workspaceRoot, 'dist/apps/grpc-go-greeter/grpc-go-greeter'),
  },
} satisfies Record<string, ServerProgram>;
type ServerName = keyof typeof SERVERS;

const SLOW_CALLS = ['--reply-delay=1s'];
const PERMISSIVE = ['--keepalive-min-time=10ms', '--keepalive-permit-without-stream'];

async function callWithKeepalive(name: ServerName, serverArgs: string[]) {
  const server: GreeterServerProcess = await startGreeterServer({
    ...SERVERS[name],
    hostname: `${name}-v1`,
    version: 'v1',
    args: [...SLOW_CALLS, ...serverArgs],
  });
  try {
    const run = await runGreeterClient(
      [
        `--address=${server.address}`,
        '--insecure',
        '--repeat=4',
        '--concurrency=4',
        '--keepalive-time=20ms',
      ],
      { node: appNode(), timeoutMs: 20_000 },
    );
    const { failed, errors } = run.result ?? {};
    return { failed, errors, excessPings: run.stderr.includes('because of excess pings') };
  } finally {
    await server.stop();
  }
}

describe('keepalive enforcement, greeter-server beside grpc-go', () => {
  it.each(Object.keys(SERVERS) as ServerName[])(
    '%s with its default policy (MinTime 5m) sends GOAWAY too_many_pings and the 4 calls in flight fail',
    async (name) => {
      expect(await callWithKeepalive(name, [])).toEqual({
        failed: 4,
        errors: { RESOURCE_EXHAUSTED: 4 },
        excessPings: true,
      });
    },
  );

  it.each(Object.keys(SERVERS) as ServerName[])(
    '%s permitting pings every 10ms (and without calls) fails none',
    async (name) => {
      expect(await callWithKeepalive(name, PERMISSIVE)).toEqual({
        failed: 0,
        errors: {},
        excessPings: false,
      });
    },
  );
});
