// `npx nx run chart:render`: writes every scenario's `helm template` output to the chart's rendered/
// folder, so a machine without helm runs exactly what helm would render. The chart tests fail when
// a committed render is stale.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCli } from '@grpc-greeter/cli-kit';
import { findChartDir, findHelm, renderAll, renderedFile } from '@grpc-greeter/helm';

async function main(): Promise<number> {
  const chartDir = findChartDir();
  if (!findHelm()) throw new Error('helm not found: set HELM_BIN or put helm on PATH');
  const renders = await renderAll(chartDir);
  const files = renders.map((r) => renderedFile(chartDir, r.name, r.phase));
  // Renders of scenarios or phases that no longer exist go too: the folder is exactly the set.
  const dir = dirname(files[0] ?? renderedFile(chartDir, 'x'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  renders.forEach((r, i) => writeFileSync(files[i], r.text));
  return 0;
}

runCli('render-scenarios', main, { usage: 2 });
