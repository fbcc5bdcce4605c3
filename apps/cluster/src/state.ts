import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where one cluster keeps its files: certificates, kubeconfigs, etcd's data, logs, pods. */
export class StateDir {
  constructor(readonly root: string) {}
  path = (...parts: string[]) => join(this.root, ...parts);
  get pki() {
    return this.path('pki');
  }
  /** The kubeconfig for kubectl and helm on this machine (through the loopback port). */
  get hostKubeconfig() {
    return this.path('kubeconfig');
  }
  /** The kubeconfig of the components inside the namespace (the API server's own address). */
  get insideKubeconfig() {
    return this.path('inside.kubeconfig');
  }
  /** CoreDNS's configuration, written by `up`. */
  get corefile() {
    return this.path('Corefile');
  }
  get apiSocket() {
    return this.path('run', 'api.sock');
  }
  get supervisorPidFile() {
    return this.path('run', 'supervisor.pid');
  }
  /** The host PID of a process in the cluster's namespaces (for nsenter). */
  get namespacePidFile() {
    return this.path('run', 'namespace.pid');
  }
  get portFile() {
    return this.path('run', 'port');
  }
  log = (name: string) => this.path('logs', `${name}.log`);

  readPid(file: string): number | undefined {
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
