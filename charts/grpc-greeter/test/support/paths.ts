// The chart's own facts the tests build on, read once from its files so tests run from any working
// directory: where it lives, its scenario files (the catalogue, via @grpc-greeter/helm), Chart.yaml's
// versions, and the names and port values.yaml gives the tutorial's objects.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { listScenarios, minKubeVersion, scenarioFile } from '@grpc-greeter/helm';

export const CHART_DIR = resolve(__dirname, '..', '..');
export const REPO_ROOT = resolve(CHART_DIR, '..', '..');

/** The scenario files' names, in the catalogue's order (the tutorial's steps first). */
export const SCENARIO_NAMES = listScenarios(CHART_DIR);

export const scenarioFileOf = (name: string) => scenarioFile(CHART_DIR, name);

const chartYaml = parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')) as {
  appVersion: unknown;
  kubeVersion: string;
};

/** Chart.yaml's appVersion: the default image tag and the canonical revision of client and test pods. */
export const APP_VERSION = String(chartYaml.appVersion);

/** The oldest Kubernetes Chart.yaml admits: tests render for it (see minKubeVersion). */
export const MIN_KUBE_VERSION = minKubeVersion(CHART_DIR);

const defaults = parse(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as {
  server: { name: string; port: number };
  client: { name: string };
};

export const SERVER_NAME = defaults.server.name;
export const CLIENT_NAME = defaults.client.name;
export const SERVER_PORT = defaults.server.port;
