// `helm template` of the chart, parsed into objects. Each distinct set of flags renders once per
// test file (memoized), so a spec can ask for the same scenario from many tests for free.
import { parseAllDocuments } from 'yaml';
import { CHART_DIR, MIN_KUBE_VERSION, scenarioFile } from './paths';
import { helm, HelmResult } from '@grpc-greeter/testing';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

export interface RenderOptions {
  scenario?: string;
  namespace?: string;
  apiVersions?: string[];
  valuesFiles?: string[];
  set?: string[];
  release?: string;
  /** --kube-version; default: the oldest version Chart.yaml admits. */
  kubeVersion?: string;
}

export interface Rendered {
  objects: K8sObject[];
  /** The first object of this kind (and name, if given); throws when absent. */
  get(kind: string, name?: string): K8sObject;
  all(kind: string): K8sObject[];
}

export function templateArgs(opts: RenderOptions, chartDir = CHART_DIR): string[] {
  const args = ['template', opts.release ?? 'grpc-greeter', chartDir];
  args.push('--namespace', opts.namespace ?? 'default');
  args.push('--kube-version', opts.kubeVersion ?? MIN_KUBE_VERSION);
  if (opts.scenario) args.push('--values', scenarioFile(opts.scenario));
  for (const file of opts.valuesFiles ?? []) args.push('--values', file);
  for (const kv of opts.set ?? []) args.push('--set', kv);
  for (const api of opts.apiVersions ?? []) args.push('--api-versions', api);
  return args;
}

export function parseManifests(stdout: string): K8sObject[] {
  return parseAllDocuments(stdout)
    .map((doc) => {
      if (doc.errors.length > 0)
        throw new Error(`YAML error in helm output: ${doc.errors[0].message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((obj): obj is K8sObject => obj !== null && typeof obj === 'object');
}

function wrap(objects: K8sObject[]): Rendered {
  const all = (kind: string) => objects.filter((o) => o.kind === kind);
  return {
    objects,
    all,
    get(kind, name) {
      const hit = all(kind).find((o) => name === undefined || o.metadata.name === name);
      if (!hit) throw new Error(`no ${kind}${name ? ` named ${name}` : ''} in the rendered chart`);
      return hit;
    },
  };
}

const cache = new Map<string, Promise<Rendered>>();

/** Renders and parses; rejects with helm's stderr when helm fails. */
export function render(opts: RenderOptions): Promise<Rendered> {
  const args = templateArgs(opts);
  const key = JSON.stringify(args);
  let pending = cache.get(key);
  if (!pending) {
    pending = helm(args).then((result: HelmResult) => {
      if (result.code !== 0) throw new Error(`helm ${args.join(' ')} failed:\n${result.stderr}`);
      return wrap(parseManifests(result.stdout));
    });
    cache.set(key, pending);
  }
  return pending;
}
