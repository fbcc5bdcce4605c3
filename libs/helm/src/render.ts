import { readFileSync } from 'node:fs';
import { helm, helmError } from './helm';
import { DEFAULT_INSTALL, type Install, installOf, renderedFile, scenarioFile } from './scenarios';

export type RenderResult = { ok: true; manifests: string } | { ok: false; error: string };

export function templateArgs(chartDir: string, valuesFile: string, install: Install): string[] {
  return [
    'template',
    install.release,
    chartDir,
    '--namespace',
    install.namespace,
    '--values',
    valuesFile,
  ];
}

/** `helm template` of the chart with one values file, as its header's install command would deploy it. */
export async function renderValues(
  chartDir: string,
  valuesFile: string,
  bin?: string,
): Promise<RenderResult & { install: Install }> {
  const install = installOf(valuesFile) ?? DEFAULT_INSTALL;
  const result = await helm(templateArgs(chartDir, valuesFile, install), { bin });
  return result.code === 0
    ? { ok: true, manifests: result.stdout, install }
    : { ok: false, error: helmError(result), install };
}

/** What `nx run chart:render` writes for a scenario: a header naming the command, then its output. */
export function renderedText(chartDir: string, name: string, manifests: string): string {
  const install = installOf(scenarioFile(chartDir, name)) ?? DEFAULT_INSTALL;
  return (
    `# Rendered by \`npx nx run chart:render\`; do not edit (a chart test fails when it is stale):\n` +
    `#   helm template ${install.release} charts/grpc-greeter -n ${install.namespace} ` +
    `-f charts/grpc-greeter/scenarios/${name}.yaml\n` +
    manifests
  );
}

/** The committed render of a scenario, or undefined when there is none. */
export function readRendered(chartDir: string, name: string): string | undefined {
  try {
    return readFileSync(renderedFile(chartDir, name), 'utf8');
  } catch {
    return undefined;
  }
}
