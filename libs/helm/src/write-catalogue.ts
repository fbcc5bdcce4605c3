// What `npx nx run chart:render` writes: every scenario's `helm template` output in the chart's
// rendered/ folder (so a machine without helm runs exactly what helm would render), then
// skaffold.yaml's profiles from those renders.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderedFile } from './scenarios';
import { skaffoldFile, skaffoldFromCatalogue } from './skaffold';
import { renderAll } from './stale';

export async function writeCatalogue(chartDir: string, bin?: string): Promise<void> {
  const renders = await renderAll(chartDir, bin);
  // Renders of scenarios or phases that no longer exist go too: the folder is exactly the set.
  const dir = dirname(renderedFile(chartDir, 'any'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const r of renders) writeFileSync(renderedFile(chartDir, r.name, r.phase), r.text);
  const skaffold = skaffoldFile(chartDir);
  writeFileSync(skaffold, skaffoldFromCatalogue(chartDir, readFileSync(skaffold, 'utf8')));
}
