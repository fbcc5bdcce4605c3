// The chart's scenario files and the one command each one documents in its header: the lab renders
// a scenario with exactly the release and namespace a reader is told to `helm install` it with.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const CHART_PATH = path.join('charts', 'grpc-greeter');

export interface Install {
  release: string;
  namespace: string;
}

// What a values file without an install line (a user's own) is rendered as.
export const DEFAULT_INSTALL: Install = { release: 'grpc-greeter', namespace: 'default' };

// The tutorial's four observations in its order; any other file follows alphabetically.
const TUTORIAL_ORDER = ['no-sidecar', 'sidecar-round-robin', 'weighted-90-10', 'v2-only'];

function tutorialRank(name: string): number {
  const rank = TUTORIAL_ORDER.indexOf(name);
  return rank === -1 ? TUTORIAL_ORDER.length : rank;
}

/** The nearest `charts/grpc-greeter` at or above `from` (so the lab works from any subfolder). */
export function findChartDir(from: string = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, CHART_PATH, 'Chart.yaml'))) return path.join(dir, CHART_PATH);
    if (path.dirname(dir) === dir) return path.resolve(from, CHART_PATH);
  }
}

/** Scenario names in the chart's scenarios/ folder: the tutorial's first, then the rest sorted. */
export function listScenarios(chartDir: string): string[] {
  const dir = path.join(chartDir, 'scenarios');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.replace(/\.yaml$/, ''))
    .sort((a, b) => tutorialRank(a) - tutorialRank(b) || a.localeCompare(b));
}

export function scenarioFile(chartDir: string, name: string): string {
  return path.join(chartDir, 'scenarios', `${name}.yaml`);
}

/** Where `nx run chart:render` writes the scenario's (or its phase's) `helm template` output. */
export function renderedFile(chartDir: string, name: string, phase = 1): string {
  return path.join(
    chartDir,
    'rendered',
    phase > 1 ? `${name}.phase-${phase}.yaml` : `${name}.yaml`,
  );
}

/** The `helm install|upgrade --install <release> charts/grpc-greeter -n <namespace>` of a values file's header. */
export function installOf(valuesFile: string): Install | undefined {
  const match = /^#\s+helm (?:upgrade --install|install) (\S+) charts\/grpc-greeter -n (\S+)/m.exec(
    readFileSync(valuesFile, 'utf8'),
  );
  return match ? { release: match[1], namespace: match[2] } : undefined;
}

/**
 * The oldest Kubernetes Chart.yaml's kubeVersion admits. `helm template` checks kubeVersion against
 * its built-in default, which is v1.20 for a helm built with plain `go install` (release builds
 * stamp a current one): rendering names a version the chart accepts, as a real cluster would have.
 */
export function minKubeVersion(chartDir: string): string {
  const chart = readFileSync(path.join(chartDir, 'Chart.yaml'), 'utf8');
  const match = /^kubeVersion:\s*['"]?>=\s*v?(\d+\.\d+\.\d+)/m.exec(chart);
  if (!match) throw new Error(`${chartDir}/Chart.yaml: kubeVersion must start with >=X.Y.Z`);
  return match[1];
}
