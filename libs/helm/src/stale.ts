import { renderValues, readRendered, renderedText } from './render';
import { listScenarios, scenarioFile } from './scenarios';

/**
 * Scenarios whose committed render differs from a fresh `helm template` (or is missing). Throws
 * when helm refuses a scenario file: a committed render of a file helm rejects is wrong too.
 */
export async function staleRenders(chartDir: string, bin?: string): Promise<string[]> {
  const stale: string[] = [];
  for (const name of listScenarios(chartDir)) {
    const result = await renderValues(chartDir, scenarioFile(chartDir, name), bin);
    if (!result.ok) throw new Error(`${name}: ${result.error}`);
    if (readRendered(chartDir, name) !== renderedText(chartDir, name, result.manifests))
      stale.push(name);
  }
  return stale;
}
