// `npx nx run chart:render`: writes every scenario's `helm template` output to the chart's rendered/
// folder, so a machine without helm runs exactly what helm would render. The chart tests fail when
// a committed render is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCli } from '@grpc-greeter/cli-kit';
import {
  findChartDir,
  findHelm,
  listScenarios,
  renderedFile,
  renderedText,
  renderValues,
  scenarioFile,
} from '@grpc-greeter/helm';

async function main(): Promise<number> {
  const chartDir = findChartDir();
  if (!findHelm()) throw new Error('helm not found: set HELM_BIN or put helm on PATH');
  for (const name of listScenarios(chartDir)) {
    const result = await renderValues(chartDir, scenarioFile(chartDir, name));
    if (!result.ok) throw new Error(`${name}: ${result.error}`);
    const file = renderedFile(chartDir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, renderedText(chartDir, name, result.manifests));
  }
  return 0;
}

runCli('render-scenarios', main, { usage: 2 });
