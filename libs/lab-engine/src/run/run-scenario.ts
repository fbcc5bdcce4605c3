import { flagValue, type LabWorld } from '@grpc-greeter/manifests';
import { type ClientRun, type ProcessRegistry, runClient } from '@grpc-greeter/greeter-process';
import type { LabInput } from '../inputs/load-input';
import type { Pod } from '../cluster/pods';
import type { PhaseResult } from './run-phases';
import { wire, type WiringOptions } from '../paths/wiring';

export interface ScenarioRun {
  input: LabInput;
  pods: Array<{ hostname: string; version?: string }>;
  client: ClientRun;
  notes: readonly string[];
  /** A phased run's results per phase (they, not the helm test pod's --expect, are its verdict). */
  phases?: PhaseResult[];
}

export interface RunOptions extends WiringOptions {
  registry: ProcessRegistry;
  repeat?: number;
  onLine?: (line: string) => void;
}

/** The rendered client's flags (the helm test pod's), pointed at what the lab put in front of the pods. */
export function clientArgs(world: LabWorld, target: string, repeat: number): string[] {
  const insecure = flagValue(world.client.args, 'insecure') === undefined ? ['--insecure'] : [];
  return [...insecure, ...world.client.args, `--address=${target}`, `--repeat=${repeat}`];
}

/** Wires the world's path in front of its pods, runs the real client once, and unwires. */
export async function runScenario(
  input: LabInput,
  pods: readonly Pod[],
  options: RunOptions,
): Promise<ScenarioRun> {
  const wiring = await wire(input.world, pods, options);
  try {
    const client = await runClient(
      clientArgs(input.world, wiring.target, options.repeat ?? input.world.client.repeat),
      { registry: options.registry, env: wiring.env, onLine: options.onLine },
    );
    return {
      input,
      pods: pods.map((pod) => ({ hostname: pod.hostname, version: pod.version })),
      client,
      notes: wiring.notes,
    };
  } finally {
    await wiring.close();
  }
}
