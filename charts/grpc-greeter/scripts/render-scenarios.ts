// `npx nx run chart:render`: writes every scenario's `helm template` output to the chart's rendered/
// folder and skaffold.yaml's profiles from them. The chart tests fail when either is stale.
import { runCli } from '@grpc-greeter/cli-kit';
import { findChartDir, findHelm, writeCatalogue } from '@grpc-greeter/helm';

async function main(): Promise<number> {
  if (!findHelm()) throw new Error('helm not found: set HELM_BIN or put helm on PATH');
  await writeCatalogue(findChartDir());
  return 0;
}

runCli('render-scenarios', main, { usage: 2 });
