// The chart's scenario files, the catalogue: every list of scenarios is this folder, and each file
// says (scenario.namespace, scenario.release) where it is installed, so the lab, the renders and
// skaffold use exactly the release and namespace a reader installs it with.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scenarioData } from './scenario-data';

export const CHART_PATH = path.join('charts', 'grpc-greeter');

export interface Install {
  release: string;
  namespace: string;
}

// What a values file without scenario.namespace (a user's own) is rendered as.
export const DEFAULT_INSTALL: Install = { release: 'grpc-greeter', namespace: 'default' };

/** The nearest `charts/grpc-greeter` at or above `from` (so the lab works from any subfolder). */
export function findChartDir(from: string = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, CHART_PATH, 'Chart.yaml'))) return path.join(dir, CHART_PATH);
    if (path.dirname(dir) === dir) return path.resolve(from, CHART_PATH);
  }
}

/**
 * Scenario names in the chart's scenarios/ folder: the tutorial's steps first, in their order
 * (scenario.tutorialStep), then the rest sorted by name.
 */
export function listScenarios(chartDir: string): string[] {
  const dir = path.join(chartDir, 'scenarios');
  if (!existsSync(dir)) return [];
  const rank = (name: string) =>
    scenarioData(scenarioFile(chartDir, name)).tutorialStep || Number.POSITIVE_INFINITY;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.replace(/\.yaml$/, ''))
    .map((name) => ({ name, rank: rank(name) }))
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
    .map(({ name }) => name);
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

/**
 * Where a values file is installed (scenario.namespace, scenario.release); undefined when it names
 * no namespace. A file that names only the namespace gets the default release.
 */
export function installOf(valuesFile: string): Install | undefined {
  const { namespace, release } = scenarioData(valuesFile);
  return namespace ? { namespace, release: release || DEFAULT_INSTALL.release } : undefined;
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
