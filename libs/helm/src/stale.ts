import { readPhases } from './phases';
import { readRendered, renderedText, renderValues } from './render';
import { listScenarios, scenarioFile } from './scenarios';

export interface Render {
  name: string;
  /** 1 = the scenario file as is; 2+ = with that phase's values merged over it. */
  phase: number;
  text: string;
}

/** Every render `nx run chart:render` writes: each scenario, and each later phase of it. */
export async function renderAll(chartDir: string, bin?: string): Promise<Render[]> {
  const renders: Render[] = [];
  for (const name of listScenarios(chartDir)) {
    const overrides = [
      undefined,
      ...(readPhases(chartDir, name) ?? []).slice(1).map((p) => p.values ?? {}),
    ];
    for (const [index, override] of overrides.entries()) {
      const result = await renderValues(chartDir, scenarioFile(chartDir, name), bin, override);
      if (!result.ok)
        throw new Error(`${name}${index ? ` phase ${index + 1}` : ''}: ${result.error}`);
      renders.push({
        name,
        phase: index + 1,
        text: renderedText(chartDir, name, result.manifests, index + 1),
      });
    }
  }
  return renders;
}

/**
 * Renders whose committed file differs from a fresh `helm template` (or is missing), as
 * `name` or `name phase N`. Throws when helm refuses a file: a render of a refused file is wrong too.
 */
export async function staleRenders(chartDir: string, bin?: string): Promise<string[]> {
  return (await renderAll(chartDir, bin))
    .filter((r) => readRendered(chartDir, r.name, r.phase) !== r.text)
    .map((r) => (r.phase > 1 ? `${r.name} phase ${r.phase}` : r.name));
}
