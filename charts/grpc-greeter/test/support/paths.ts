// Where things live, resolved once from this file so tests run from any working directory.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { minKubeVersion } from '@grpc-greeter/helm';

export const CHART_DIR = resolve(__dirname, '..', '..');
export const REPO_ROOT = resolve(CHART_DIR, '..', '..');
export const SCENARIO_DIR = join(CHART_DIR, 'scenarios');

/** The scenario files' base names (no `.yaml`), sorted. */
export function scenarioNames(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

export function scenarioFile(name: string): string {
  return join(SCENARIO_DIR, `${name}.yaml`);
}

const chartYaml = parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')) as {
  appVersion: unknown;
  kubeVersion: string;
};

/** Chart.yaml's appVersion: the default image tag and the canonical revision of client and test pods. */
export const APP_VERSION = String(chartYaml.appVersion);

/** The oldest Kubernetes Chart.yaml admits: tests render for it (see minKubeVersion). */
export const MIN_KUBE_VERSION = minKubeVersion(CHART_DIR);
