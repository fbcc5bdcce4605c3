import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort } from '@grpc-greeter/greeter-process';
import { cluster, TestCluster } from './support/cluster';

// Each mistake gets one line on stderr, a non-zero exit code, and leaves no process behind.
const scratch = mkdtempSync(join(tmpdir(), 'cluster-bad-input-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function expectOneLineFailure(run: { status: number | null; stderr: string }, text: string): void {
  expect(run.status).not.toBe(0);
  expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(text)]);
}

function clusterProcesses(stateDir: string): string {
  try {
    return execFileSync('pgrep', ['-af', stateDir], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

it('refuses a port that is already taken', async () => {
  const server: Server = createServer();
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const stateDir = join(scratch, 'port');
  try {
    expectOneLineFailure(
      cluster(['up', '--state-dir', stateDir, '--port', String(port)]),
      `port ${port} on 127.0.0.1 is taken`,
    );
    expect(clusterProcesses(stateDir)).toBe('');
  } finally {
    server.close();
  }
});

it('says so when down has nothing to stop', () => {
  expectOneLineFailure(
    cluster(['down', '--state-dir', join(scratch, 'nothing')]),
    'no cluster is running from',
  );
});

it('asks for Go when the control plane is not built and go is missing', () => {
  const noGo = [dirname(process.execPath), '/usr/sbin', '/usr/bin', '/sbin', '/bin'].join(':');
  const env = { ...process.env, PATH: noGo, CLUSTER_DIST_DIR: join(scratch, 'empty-dist') };
  const stateDir = join(scratch, 'no-go');
  expectOneLineFailure(
    cluster(['up', '--state-dir', stateDir], env),
    'Go is needed to build the control plane',
  );
  expect(clusterProcesses(stateDir)).toBe('');
});

it('explains a kernel without unprivileged user namespaces', () => {
  const fakeBin = join(scratch, 'no-userns-bin');
  mkdirSync(fakeBin, { recursive: true });
  writeFileSync(
    join(fakeBin, 'unshare'),
    '#!/bin/sh\necho "unshare: unshare failed: Operation not permitted" >&2\nexit 1\n',
  );
  chmodSync(join(fakeBin, 'unshare'), 0o755);
  const env = { ...process.env, PATH: `${fakeBin}:${process.env['PATH']}` };
  expectOneLineFailure(
    cluster(['up', '--state-dir', join(scratch, 'no-userns')], env),
    'does not let this user create user and network namespaces (unshare: unshare failed: Operation not permitted)',
  );
});

it('asks for helm when --istio has none to install Istio with', () => {
  const env = { ...process.env, HELM_BIN: join(scratch, 'no-such-helm') };
  const stateDir = join(scratch, 'no-helm');
  expectOneLineFailure(
    cluster(['up', '--istio', '--state-dir', stateDir], env),
    `HELM_BIN=${join(scratch, 'no-such-helm')} is not an executable file`,
  );
  expect(clusterProcesses(stateDir)).toBe('');
});

it('rejects a port that is not a port', () => {
  expectOneLineFailure(cluster(['up', '--port', '70000']), '--port must be a port number');
});

describe('a state folder left by a killed up', () => {
  const world = new TestCluster();
  afterAll(() => world.down());

  it('is cleared by the next up, which says so; a second up while it runs is refused', async () => {
    mkdirSync(join(world.stateDir, 'run'), { recursive: true });
    mkdirSync(join(world.stateDir, 'etcd'), { recursive: true });
    writeFileSync(join(world.stateDir, 'run', 'supervisor.pid'), '999999');
    const started = await world.up();
    expect(started.status).toBe(0);
    expect(started.stderr).toContain('cleared the state a stopped cluster left');
    expectOneLineFailure(
      cluster(['up', '--state-dir', world.stateDir, '--port', String(await freePort())]),
      'a cluster is already running from',
    );
  });
});
