import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@grpc-greeter/greeter-process';
import { findHelm, workspaceRoot } from '@grpc-greeter/testing';

export const clusterCli = join(workspaceRoot, 'dist/apps/cluster/main.js');
export const kubectlBinary = join(workspaceRoot, 'dist/apps/kube-control-plane/kubectl');
/** The tutorial's YAML, as it prints it, with its image names. */
export const tutorialFiles = join(__dirname, '..', 'tutorial');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function asRun(result: SpawnSyncReturns<string>): Run {
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `npm run cluster -- <args>` as the built CLI, with this cluster's state folder. */
export function cluster(args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  return asRun(
    spawnSync(process.execPath, [clusterCli, ...args], { encoding: 'utf8', env, timeout: 150_000 }),
  );
}

function helmBinary(): string {
  const helm = findHelm();
  if (!helm)
    throw new Error('no helm binary: set HELM_BIN or put helm on PATH (.ci/run installs it)');
  return helm;
}

/** A running cluster of its own (state folder, port) for one test file. */
export class TestCluster {
  readonly stateDir = mkdtempSync(join(tmpdir(), 'cluster-test-'));
  port = 0;

  async up(...options: string[]): Promise<Run> {
    this.port = await freePort();
    return cluster(['up', '--state-dir', this.stateDir, '--port', String(this.port), ...options]);
  }

  down(): Run {
    const result = cluster(['down', '--state-dir', this.stateDir]);
    rmSync(this.stateDir, { recursive: true, force: true });
    return result;
  }

  get env(): NodeJS.ProcessEnv {
    return { ...process.env, KUBECONFIG: join(this.stateDir, 'kubeconfig') };
  }

  /** kubectl with this cluster's kubeconfig; its output, or a throw with its stderr. */
  kubectl(...args: [...string[], { input: string }] | string[]): string {
    const last = args.at(-1);
    const input = typeof last === 'object' ? last.input : undefined;
    const argv = (typeof last === 'object' ? args.slice(0, -1) : args) as string[];
    const result = spawnSync(kubectlBinary, argv, {
      encoding: 'utf8',
      env: this.env,
      input,
      timeout: 120_000,
    });
    if (result.status !== 0) throw new Error(result.stderr || `kubectl ${argv[0]} failed`);
    return result.stdout;
  }

  helm(...args: string[]): Run {
    return asRun(
      spawnSync(helmBinary(), args, {
        encoding: 'utf8',
        env: this.env,
        cwd: workspaceRoot,
        timeout: 180_000,
      }),
    );
  }

  /**
   * The tutorial's two files applied in namespace as it applies them, once every pod is Ready:
   * the rows of `kubectl get pod`.
   */
  applyTutorial(namespace: string): string[] {
    for (const file of ['istio-grpc-server.yaml', 'istio-grpc-client.yaml']) {
      this.kubectl('apply', '-n', namespace, '-f', join(tutorialFiles, file));
    }
    this.kubectl('wait', '--for=condition=Ready', 'pod', '--all', '-n', namespace, '--timeout=90s');
    return this.kubectl('get', 'pod', '-n', namespace).trim().split('\n').slice(1);
  }

  /** `helm install grpc-greeter` with one scenario's values, returning once its pods are Ready. */
  helmInstall(scenario: string, namespace: string, ...extra: string[]): Run {
    return this.helm(
      'install',
      'grpc-greeter',
      'charts/grpc-greeter',
      '-f',
      `charts/grpc-greeter/scenarios/${scenario}.yaml`,
      '-n',
      namespace,
      '--create-namespace',
      '--wait',
      '--timeout=2m',
      ...extra,
    );
  }

  /** kubectl's arguments for the tutorial's client command in the client pod's own container. */
  clientExec(namespace: string, ...flags: string[]): string[] {
    const client = this.onePod(namespace, 'app=istio-grpc-client');
    return [
      'exec',
      '-n',
      namespace,
      client,
      '-c',
      'istio-grpc-client',
      '--',
      '/bin/greeter-client',
      '--insecure=true',
      ...flags,
    ];
  }

  /** The host PID of a process inside the cluster's namespaces, for nsenter. */
  namespacePid(): number {
    return Number(readFileSync(join(this.stateDir, 'run', 'namespace.pid'), 'utf8'));
  }

  /** The one pod the selector matches (the tutorial's client). */
  onePod(namespace: string, selector: string): string {
    const [pod, ...others] = this.podNames(namespace, selector);
    if (pod === undefined || others.length > 0)
      throw new Error(
        `expected one pod for ${selector} in ${namespace}, got ${others.length + (pod ? 1 : 0)}`,
      );
    return pod;
  }

  podNames(namespace: string, selector: string): string[] {
    return this.kubectl(
      'get',
      'pod',
      '-n',
      namespace,
      '-l',
      selector,
      '-o',
      'jsonpath={.items[*].metadata.name}',
    )
      .split(' ')
      .filter(Boolean);
  }
}
