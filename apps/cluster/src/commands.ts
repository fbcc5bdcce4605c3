import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { nodeReady } from './api-client';
import { NETWORK, NODE_NAME, controlPlaneBinary, repoRoot } from './cluster-config';
import { corefile } from './cluster-dns';
import { ensurePki, writeKubeconfig } from './pki';
import {
  CannotStart,
  checkNotRunning,
  checkPortFree,
  checkUserNamespaces,
  controlPlaneVersion,
  helmForIstio,
  missingPrograms,
} from './preflight';
import { Progress } from './progress';
import { isAlive, type StateDir } from './state';

const READY_TIMEOUT_MS = 90_000;

export interface UpOptions {
  port: number;
  /** Install Istio (its charts, istiod) before the node starts; without it, no mesh. */
  istio: boolean;
}

export async function up(state: StateDir, { port, istio }: UpOptions): Promise<void> {
  checkUserNamespaces();
  const helm = istio ? helmForIstio() : undefined;
  const cleared = checkNotRunning(state);
  if (cleared) process.stderr.write(`cluster: ${cleared}\n`);
  await checkPortFree(port);
  const progress = new Progress();
  const missing = missingPrograms(istio);
  if (missing.length > 0) build(missing, progress);

  ensurePki(state.pki);
  writeKubeconfig(state.hostKubeconfig, state.pki, `https://127.0.0.1:${port}`);
  writeKubeconfig(state.insideKubeconfig, state.pki, `https://127.0.0.1:${NETWORK.apiPort}`);
  writeFileSync(state.corefile, corefile(state));
  const version = controlPlaneVersion(controlPlaneBinary('kube-apiserver'));

  progress.show(
    `starting etcd, the API server, CoreDNS, the controllers, kube-proxy${helm ? ', Istio' : ''} and the node`,
  );
  const supervisor = spawn(
    process.execPath,
    [
      __filename,
      '__supervise',
      '--state-dir',
      state.root,
      '--port',
      String(port),
      '--version',
      version,
      ...(helm ? ['--helm', helm] : []),
    ],
    { detached: true, stdio: 'ignore' },
  );
  supervisor.unref();
  const pid = supervisor.pid;
  if (pid === undefined) throw new CannotStart(`could not start ${process.execPath}`);
  const abort = () => {
    process.kill(pid, 'SIGTERM');
    progress.done();
    process.exit(130);
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  const ready = await waitUntil(
    () => nodeReady(state, port, NODE_NAME),
    READY_TIMEOUT_MS,
    () => isAlive(pid),
  );
  process.off('SIGINT', abort);
  process.off('SIGTERM', abort);
  progress.done();
  if (!ready) {
    const why = lastLine(state.log('cluster')) ?? 'no reason logged';
    if (isAlive(pid)) process.kill(pid, 'SIGTERM');
    throw new CannotStart(
      `the cluster did not become ready: ${why} (logs in ${state.path('logs')})`,
    );
  }
  process.stdout.write(
    `cluster: node ${NODE_NAME} is Ready (Kubernetes ${version}${helm ? ', istiod' : ''})\n${envLines(state).join('\n')}\n`,
  );
}

export async function down(state: StateDir): Promise<void> {
  const pid = state.readPid(state.supervisorPidFile);
  if (pid === undefined || !isAlive(pid)) {
    throw new CannotStart(`no cluster is running from ${state.root}`);
  }
  process.kill(pid, 'SIGTERM');
  await waitUntil(
    async () => !isAlive(pid),
    15_000,
    () => true,
  );
  process.stdout.write('cluster: stopped\n');
}

export function status(state: StateDir): number {
  const pid = state.readPid(state.supervisorPidFile);
  if (pid === undefined || !isAlive(pid)) {
    process.stdout.write(`cluster: not running (state folder ${state.root})\n`);
    return 3;
  }
  const port = readFileSync(state.portFile, 'utf8').trim();
  process.stdout.write(`cluster: running (pid ${pid}), API server on https://127.0.0.1:${port}\n`);
  return 0;
}

export function envLines(state: StateDir): string[] {
  return [
    `export KUBECONFIG=${state.hostKubeconfig}`,
    `export PATH=${dirname(controlPlaneBinary('kubectl'))}:$PATH  # kubectl ${existsSync(controlPlaneBinary('kubectl')) ? 'is' : 'will be'} there`,
  ];
}

function build(projects: string[], progress: Progress): void {
  progress.show(`building ${projects.join(', ')} (the first build of Kubernetes takes minutes)`);
  const result = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', ...projects, '--output-style=static'],
    { cwd: repoRoot(), encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new CannotStart(
      `building ${projects.join(', ')} failed: ${lastOf(result.stdout + result.stderr)}`,
    );
  }
}

async function waitUntil(
  done: () => Promise<boolean>,
  timeoutMs: number,
  stillTrying: () => boolean,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && stillTrying()) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

function lastLine(file: string): string | undefined {
  return existsSync(file) ? lastOf(readFileSync(file, 'utf8')) : undefined;
}

function lastOf(text: string): string {
  return text.trim().split('\n').filter(Boolean).pop() ?? '';
}
