import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { findHelm, HELM_MISSING } from '@grpc-greeter/helm';
import { BUILT_PROGRAMS, ISTIO_PROGRAMS } from './cluster-config';
import { isAlive, type StateDir } from './state';

/** A reason `up` cannot go on, as one line for the user. */
export class CannotStart extends Error {}

/** A cluster already running from this state folder is an error; one left by a killed `up` is cleared. */
export function checkNotRunning(state: StateDir): string | undefined {
  const pid = state.readPid(state.supervisorPidFile);
  if (pid !== undefined && isAlive(pid)) {
    throw new CannotStart(
      `a cluster is already running from ${state.root} (pid ${pid}); stop it with: npm run cluster -- down`,
    );
  }
  if (existsSync(state.path('run')) || existsSync(state.path('etcd'))) {
    rmSync(state.path('run'), { recursive: true, force: true });
    rmSync(state.path('etcd'), { recursive: true, force: true });
    rmSync(state.path('node'), { recursive: true, force: true });
    return pid === undefined
      ? undefined
      : `cleared the state a stopped cluster left in ${state.root} (pid ${pid} had ended)`;
  }
  return undefined;
}

/** The kernel must let an unprivileged process make a user namespace (Linux only). */
export function checkUserNamespaces(): void {
  if (process.platform !== 'linux') {
    throw new CannotStart(
      `the local cluster needs Linux namespaces; on ${process.platform}, use npm start (the lab)`,
    );
  }
  const result = spawnSync('unshare', ['--user', '--map-root-user', '--net', 'true'], {
    encoding: 'utf8',
  });
  if (result.error || result.status !== 0) {
    const why = (result.error?.message ?? result.stderr).trim().split('\n')[0];
    throw new CannotStart(
      `this kernel does not let this user create user and network namespaces (${why}); ` +
        'enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1 or user.max_user_namespaces > 0)',
    );
  }
}

export function checkPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(new CannotStart(`port ${port} on 127.0.0.1 is taken; choose another with --port`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** The Nx projects whose programs are missing (Istio's too with istio); building them needs Go. */
export function missingPrograms(istio: boolean): string[] {
  const programs = istio ? [...BUILT_PROGRAMS, ...ISTIO_PROGRAMS] : BUILT_PROGRAMS;
  const missing = programs.filter((program) => !existsSync(program.path()));
  const needsGo = missing.some((program) => program.go);
  if (needsGo && spawnSync('go', ['version']).status !== 0) {
    throw new CannotStart(
      'Go is needed to build the control plane, CoreDNS and the node (go was not found on PATH); install Go 1.26, or use npm start for the lab, which needs only Node',
    );
  }
  return missing.map((program) => program.project);
}

export function controlPlaneVersion(apiServerBinary: string): string {
  // "Kubernetes v1.36.1": the version is the last word.
  const output = execFileSync(apiServerBinary, ['--version'], { encoding: 'utf8' }).trim();
  return output.slice(output.lastIndexOf(' ') + 1);
}

/** `up --istio` installs Istio's charts with helm, as its docs do. */
export function helmForIstio(): string {
  let helm: string | undefined;
  try {
    helm = findHelm();
  } catch (error) {
    throw new CannotStart((error as Error).message);
  }
  if (!helm) throw new CannotStart(`--istio installs Istio with helm; ${HELM_MISSING}`);
  return helm;
}
