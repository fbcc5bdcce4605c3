// `helm template` of the chart (arguments and parsing from @grpc-greeter/helm and
// @grpc-greeter/manifests), as typed objects. Each distinct set of flags renders once per test file
// (memoized), so a spec can ask for the same scenario from many tests for free.
import { DEFAULT_INSTALL, installOf, templateArgs as helmTemplateArgs } from '@grpc-greeter/helm';
import { parseManifests } from '@grpc-greeter/manifests';
import { helm, HelmResult } from '@grpc-greeter/testing';
import { CHART_DIR, scenarioFileOf } from './paths';

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
  /** A scenario file, first of the values files; it also decides release and namespace. */
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

/** The arguments of `helm template` for `opts`, installed where the scenario file says. */
export function templateArgs(opts: RenderOptions, chartDir = CHART_DIR): string[] {
  const scenarioFile = opts.scenario ? scenarioFileOf(opts.scenario) : undefined;
  const install = (scenarioFile && installOf(scenarioFile)) || DEFAULT_INSTALL;
  return helmTemplateArgs(
    chartDir,
    [...(scenarioFile ? [scenarioFile] : []), ...(opts.valuesFiles ?? [])],
    { release: opts.release ?? install.release, namespace: opts.namespace ?? install.namespace },
    opts,
  );
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
      return wrap(parseManifests(result.stdout, 'helm template') as K8sObject[]);
    });
    cache.set(key, pending);
  }
  return pending;
}
