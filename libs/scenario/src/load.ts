import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { formatKey, type KeyPath } from './checks';
import { ScenarioError } from './errors';
import { isMap, mergeValues, type ValuesMap } from './merge';
import { deriveScenario, type Scenario } from './scenario';
import { validateValues } from './validate';

const CHART = path.join('charts', 'grpc-greeter');

export interface LoadOptions {
  /** The chart directory (holds values.yaml and scenarios/); default: found upward from `cwd`. */
  chartDir?: string;
  /** Base for relative paths and for how file names are shown; default process.cwd(). */
  cwd?: string;
}

/**
 * Loads a scenario the way `helm install -f <file>` sees it: the file's values merged over the
 * chart's values.yaml, checked with the chart's rules. `scenario` is a file name from the chart's
 * scenarios/ (`weighted-90-10` or `weighted-90-10.yaml`) or a path to any values file.
 * Throws ScenarioError (one line naming the file and key) when a file is missing or invalid.
 */
export function loadScenario(scenario: string, options: LoadOptions = {}): Scenario {
  const cwd = options.cwd ?? process.cwd();
  const chartDir = path.resolve(cwd, options.chartDir ?? findChartDir(cwd));
  const show = (file: string) => displayPath(file, cwd);
  const scenarioFile = resolveScenarioFile(scenario, chartDir, cwd);
  const valuesFile = path.join(chartDir, 'values.yaml');
  const defaults = readValuesFile(valuesFile, show(valuesFile));
  const override = readValuesFile(scenarioFile, show(scenarioFile));
  const merged = mergeValues(defaults, override);
  const values = validateValues(merged, (key, problem, related = []) => {
    // Blame the file to edit: the scenario if it sets any key the rule reads, else values.yaml.
    const inScenario = [key, ...related].some((keyPath) => hasKey(override, keyPath));
    throw new ScenarioError(show(inScenario ? scenarioFile : valuesFile), problem, formatKey(key));
  });
  return deriveScenario(
    values,
    path.basename(scenarioFile).replace(/\.ya?ml$/, ''),
    show(scenarioFile),
  );
}

// The tutorial's four observations in its order; any other file follows alphabetically.
const TUTORIAL_ORDER = ['no-sidecar', 'sidecar-round-robin', 'weighted-90-10', 'v2-only'];

function tutorialRank(name: string): number {
  const rank = TUTORIAL_ORDER.indexOf(name);
  return rank === -1 ? TUTORIAL_ORDER.length : rank;
}

/** Scenario names in the chart's scenarios/ folder: the tutorial's first, then the rest sorted. */
export function listScenarios(chartDir: string = findChartDir()): string[] {
  const dir = path.join(chartDir, 'scenarios');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => file.replace(/\.ya?ml$/, ''))
    .sort((a, b) => tutorialRank(a) - tutorialRank(b) || a.localeCompare(b));
}

/** The nearest `charts/grpc-greeter` at or above `from` (so the lab works from any subfolder). */
export function findChartDir(from: string = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, CHART, 'values.yaml'))) return path.join(dir, CHART);
    if (path.dirname(dir) === dir) return path.resolve(from, CHART);
  }
}

/**
 * A bare name is looked up in scenarios/ (then, failing that, in `cwd`); anything with a slash is
 * a path from `cwd`.
 */
export function resolveScenarioFile(
  scenario: string,
  chartDir: string,
  cwd = process.cwd(),
): string {
  const isPath = scenario.includes('/') || scenario.includes(path.sep);
  if (isPath) {
    const file = path.resolve(cwd, scenario);
    if (!existsSync(file)) throw new ScenarioError(displayPath(file, cwd), 'no such file');
    return file;
  }
  const withExtension = /\.ya?ml$/.test(scenario) ? scenario : `${scenario}.yaml`;
  const file = path.join(chartDir, 'scenarios', withExtension);
  const local = path.resolve(cwd, scenario);
  if (!existsSync(file) && existsSync(local)) return local;
  if (!existsSync(file)) {
    const available = listScenarios(chartDir);
    const hint = available.length ? `available: ${available.join(', ')}` : 'the folder has none';
    throw new ScenarioError(displayPath(file, cwd), `no such scenario file (${hint})`);
  }
  return file;
}

function readValuesFile(file: string, shown: string): ValuesMap {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError(shown, code === 'ENOENT' ? 'no such file' : `cannot read (${code})`);
  }
  // YAML 1.1 because Helm parses with go-yaml: `sidecar: yes` is a boolean there, so here too.
  const doc = parseDocument(text, { version: '1.1' });
  const [error] = doc.errors;
  // The first line of yaml's message is "<what> at line L, column C:"; the code frame follows.
  const summary = error?.message.split('\n')[0].replace(/:$/, '');
  if (error) throw new ScenarioError(shown, `invalid YAML: ${summary}`);
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return {};
  if (!isMap(data)) throw new ScenarioError(shown, 'must be a YAML map of chart values');
  return data;
}

function hasKey(values: ValuesMap, key: KeyPath): boolean {
  let node: unknown = values;
  for (const part of key) {
    // Lists replace wholesale, so whoever set the list owns every item in it.
    if (typeof part === 'number') return true;
    if (!isMap(node) || !(part in node)) return false;
    node = node[part];
  }
  return true;
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
