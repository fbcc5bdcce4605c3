import { runCli } from '@grpc-greeter/cli-kit';
import { ProcessRegistry } from '@grpc-greeter/greeter-process';
import { parseBenchFlags } from './flags';
import { writeReport } from './report';
import { runBench } from './run-bench';
import { renderHeader, renderTable } from './table';

const registry = new ProcessRegistry();

async function main(): Promise<number> {
  const config = parseBenchFlags(process.argv.slice(2));
  if (!config) return 0;
  registry.stopChildrenOnSignals();
  const report = await runBench(config, registry, (line) => process.stderr.write(`${line}\n`));
  writeReport(config.out, report);
  process.stdout.write(
    `\n${renderHeader(report)}\n\n${renderTable(report)}\n\nWrote every run to ${config.out}\n`,
  );
  return 0;
}

// exitWhenDone: the in-process xDS client keeps timers alive after it is closed.
runCli('bench', main, { usage: 2, exitWhenDone: true });
