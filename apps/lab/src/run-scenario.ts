import type { Scenario } from '@grpc-greeter/scenario';
import { runClient, type ClientRun } from './client-process';
import { KubeProxyClusterIp } from './kube-proxy';
import { startMesh } from './mesh';
import { startPods, type Pod } from './pods';
import type { ProcessRegistry } from './process-registry';

export interface ScenarioRun {
  scenario: Scenario;
  pods: Array<{ hostname: string; version: string }>;
  client: ClientRun;
  /** Distinct client connections the servers saw (from their per-RPC `peer` log field). */
  serverSideConnections: number;
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

/** Starts the scenario's pods, wires the path, runs the real client once, and tears it all down. */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioRun> {
  const pods = await startPods(scenario, options.registry);
  const wiring = await wire(scenario, pods, options.random);
  try {
    const client = await runClient(
      clientArgs(scenario, wiring, options.repeat ?? scenario.test.repeat),
      {
        registry: options.registry,
        env: wiring.env,
        onLine: options.onLine,
      },
    );
    const peers = new Set(
      pods.flatMap((pod) =>
        pod.events.filter((e) => e.msg === 'rpc').map((e) => `${pod.port}/${e.peer}`),
      ),
    );
    return {
      scenario,
      pods: pods.map((pod) => ({ hostname: pod.hostname, version: pod.version })),
      client,
      serverSideConnections: peers.size,
    };
  } finally {
    await wiring.close();
    await Promise.all(pods.map((pod) => pod.stop()));
  }
}
