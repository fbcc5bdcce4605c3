import { spawn } from 'node:child_process';
import { mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { StateDir } from './state';

/**
 * The host side of a running cluster, detached from `up`: it starts the cluster under `unshare`
 * (a user namespace where we are root, and network, mount and PID namespaces of its own) and
 * forwards one loopback port to the API server's unix socket, so kubectl and helm on this
 * machine reach it and nothing else does. --kill-child: when this process ends, so does every
 * process of the cluster.
 */
export function supervise(state: StateDir, port: number, version: string, helm?: string): void {
  mkdirSync(state.path('run'), { recursive: true });
  mkdirSync(state.path('logs'), { recursive: true });
  const log = openSync(state.log('cluster'), 'w');
  const child = spawn(
    'unshare',
    [
      '--user',
      '--map-root-user',
      '--net',
      '--mount',
      '--pid',
      '--fork',
      '--kill-child',
      '--mount-proc',
      process.execPath,
      __filename,
      '__inside',
      '--state-dir',
      state.root,
      '--version',
      version,
      ...(helm ? ['--helm', helm] : []),
    ],
    { stdio: ['ignore', log, log] },
  );
  writeFileSync(state.supervisorPidFile, String(process.pid));
  // unshare itself is in the new user, network and mount namespaces: nsenter -t <pid> enters them.
  writeFileSync(state.namespacePidFile, String(child.pid));
  writeFileSync(state.portFile, String(port));

  const server = createServer((client) => {
    const api = createConnection(state.apiSocket);
    client.pipe(api).pipe(client);
    client.on('error', () => api.destroy());
    api.on('error', () => client.destroy());
  });
  server.on('error', (error) => {
    writeFileSync(state.log('supervisor'), `${error.message}\n`);
    shutDown(1);
  });
  server.listen(port, '127.0.0.1');

  const shutDown = (code: number) => {
    server.close();
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(state.path('run'), { recursive: true, force: true });
    process.exit(code);
  };
  child.on('exit', () => shutDown(1));
  process.on('SIGTERM', () => shutDown(0));
  process.on('SIGINT', () => shutDown(0));
}
