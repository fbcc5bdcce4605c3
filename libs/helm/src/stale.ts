import { readPhases } from './phases';
import { readRendered, renderedText, renderValues } from './render';
import { listScenarios, scenarioFile } from './scenarios';

export interface Render {
  name: string;
  /** 1 = the scenario file as is; 2+ = with that phase's values merged over it. */
  phase: number;
  text: string;
}

/**
 * Every render `nx run chart:render` writes: each scenario, and each later phase of it. A scenario's
 * phases are read once helm has accepted its file (the schema checks their shape).
 */
export async function renderAll(chartDir: string, bin?: string): Promise<Render[]> {
  const renders: Render[] = [];
  const renderPhase = async (name: string, phase: number, override?: Record<string, unknown>) => {
    const result = await renderValues(chartDir, scenarioFile(chartDir, name), bin, override);
    if (!result.ok)
      throw new Error(`${name}${phase > 1 ? ` phase ${phase}` : ''}: ${result.error}`);
    renders.push({ name, phase, text: renderedText(chartDir, name, result.manifests, phase) });
  };
  for (const name of listScenarios(chartDir)) {
    await renderPhase(name, 1);
    for (const [index, phase] of (readPhases(chartDir, name) ?? []).slice(1).entries())
      await renderPhase(name, index + 2, phase.values ?? {});
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
