// Where things live, resolved once from this file so tests run from any working directory.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

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

/**
 * The oldest Kubernetes Chart.yaml's kubeVersion admits (">=1.24.0-0" -> "1.24.0"). Tests render
 * for it: the chart must work there, and a helm built without release ldflags (`go install`)
 * would otherwise assume v1.20.0, which kubeVersion refuses.
 */
export const MIN_KUBE_VERSION = (/^>=\s*v?(\d+\.\d+\.\d+)/.exec(chartYaml.kubeVersion) ?? [])[1];
