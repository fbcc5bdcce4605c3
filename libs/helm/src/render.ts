import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { helm, helmError } from './helm';
import {
  DEFAULT_INSTALL,
  type Install,
  installOf,
  minKubeVersion,
  renderedFile,
  scenarioFile,
} from './scenarios';

export type RenderResult = { ok: true; manifests: string } | { ok: false; error: string };

/** What a caller may add to a plain render: a cluster's API versions, `--set`s, another Kubernetes. */
export interface TemplateExtras {
  apiVersions?: readonly string[];
  set?: readonly string[];
  /** --kube-version; default: the oldest version Chart.yaml admits. */
  kubeVersion?: string;
}

export function templateArgs(
  chartDir: string,
  valuesFiles: readonly string[],
  install: Install,
  extras: TemplateExtras = {},
) {
  return [
    'template',
    install.release,
    chartDir,
    '--namespace',
    install.namespace,
    '--kube-version',
    extras.kubeVersion ?? minKubeVersion(chartDir),
    ...valuesFiles.flatMap((file) => ['--values', file]),
    ...(extras.set ?? []).flatMap((pair) => ['--set', pair]),
    ...(extras.apiVersions ?? []).flatMap((api) => ['--api-versions', api]),
  ];
}

/**
 * `helm template` of the chart with a values file, installed where its scenario.namespace says;
 * `override` (a phase's values) is merged over it as a second `-f`.
 */
export async function renderValues(
  chartDir: string,
  valuesFile: string,
  bin?: string,
  override?: Record<string, unknown>,
): Promise<RenderResult & { install: Install }> {
  const install = installOf(valuesFile) ?? DEFAULT_INSTALL;
  const dir = override ? mkdtempSync(path.join(tmpdir(), 'phase-')) : undefined;
  try {
    const files = [valuesFile];
    if (dir) {
      files.push(path.join(dir, 'override.yaml'));
      writeFileSync(files[1], stringify(override));
    }
    const result = await helm(templateArgs(chartDir, files, install), { bin });
    return result.code === 0
      ? { ok: true, manifests: result.stdout, install }
      : { ok: false, error: helmError(result), install };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** What `nx run chart:render` writes for a scenario (or its phase ≥ 2): the command, then its output. */
export function renderedText(chartDir: string, name: string, manifests: string, phase = 1): string {
  const install = installOf(scenarioFile(chartDir, name)) ?? DEFAULT_INSTALL;
  const override = phase > 1 ? ` -f <scenario.phases[${phase - 1}].values>` : '';
  return (
    '# Rendered by `npx nx run chart:render`; do not edit (a chart test fails when it is stale):\n' +
    `#   helm template ${install.release} charts/grpc-greeter -n ${install.namespace} ` +
    `--kube-version ${minKubeVersion(chartDir)} -f charts/grpc-greeter/scenarios/${name}.yaml${override}\n` +
    manifests
  );
}

/** The committed render of a scenario (or of its phase ≥ 2), or undefined when there is none. */
export function readRendered(chartDir: string, name: string, phase = 1): string | undefined {
  try {
    return readFileSync(renderedFile(chartDir, name, phase), 'utf8');
  } catch {
    return undefined;
  }
}
