import type { Scenario } from '@grpc-greeter/scenario';
import { runClient, type ClientRun } from './client-process';
import { KubeProxyClusterIp } from './kube-proxy';
import { startMesh } from './mesh';
import type { Pod } from './pods';
import type { ProcessRegistry } from './process-registry';

export interface ScenarioRun {
  scenario: Scenario;
  pods: Array<{ hostname: string; version: string }>;
  client: ClientRun;
}

export interface RunOptions {
  registry: ProcessRegistry;
  /** The ClusterIP simulation's random source (seeded with lab --seed). */
  random?: () => number;
  repeat?: number;
  onLine?: (line: string) => void;
}

interface Wiring {
  target: string;
  lbPolicy: string;
  env?: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Puts the right thing between client and pods for the scenario's path (see LabPath). */
async function wire(
  scenario: Scenario,
  pods: readonly Pod[],
  random?: () => number,
): Promise<Wiring> {
  switch (scenario.path) {
    case 'kube-proxy': {
      const clusterIp = new KubeProxyClusterIp(
        pods.map((pod) => ({ host: '127.0.0.1', port: pod.port })),
        random,
      );
      const port = await clusterIp.listen();
      return {
        target: `127.0.0.1:${port}`,
        lbPolicy: scenario.client.lbPolicy,
        close: () => clusterIp.close(),
      };
    }
    case 'client-side':
      // What DNS returns for a headless Service: every ready pod's address.
      return {
        target: `ipv4:${pods.map((pod) => pod.address).join(',')}`,
        lbPolicy: scenario.client.lbPolicy,
        close: async () => undefined,
      };
    case 'mesh': {
      const mesh = await startMesh(scenario, pods);
      return {
        target: mesh.target,
        lbPolicy: 'pick_first',
        env: mesh.clientEnv,
        close: () => mesh.controlPlane.close(),
      };
    }
  }
}

export function clientArgs(
  scenario: Scenario,
  wiring: Pick<Wiring, 'target' | 'lbPolicy'>,
  repeat: number,
): string[] {
  const args = [
    '--insecure',
    `--address=${wiring.target}`,
    `--lb=${wiring.lbPolicy}`,
    `--repeat=${repeat}`,
    `--interval=${scenario.test.intervalMs}ms`,
  ];
  if (scenario.test.expect)
    args.push(`--expect=${scenario.test.expect.spec}`, `--tolerance=${scenario.test.tolerance}`);
  return args;
}

/** Wires the scenario's path in front of its pods, runs the real client once, and unwires. */
export async function runScenario(
  scenario: Scenario,
  pods: readonly Pod[],
  options: RunOptions,
): Promise<ScenarioRun> {
  const wiring = await wire(scenario, pods, options.random);
  try {
    const client = await runClient(
      clientArgs(scenario, wiring, options.repeat ?? scenario.test.repeat),
      { registry: options.registry, env: wiring.env, onLine: options.onLine },
    );
    return {
      scenario,
      pods: pods.map((pod) => ({ hostname: pod.hostname, version: pod.version })),
      client,
    };
  } finally {
    await wiring.close();
  }
}
