import { runCli } from '@grpc-greeter/cli-kit';
import { parseBenchFlags } from './bench/flags';
import { writeReport } from './bench/report';
import { runBench } from './bench/run-bench';
import { renderHeader, renderTable } from './bench/table';
import { ProcessRegistry } from './process-registry';

const registry = new ProcessRegistry();

/** Ctrl-C or SIGTERM: stop every child (the lab passes it on to its pods), then leave. */
function stopChildrenOnSignals(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      void registry.stopAll().finally(() => process.exit(code));
    });
  }
  process.once('exit', () => registry.killAllNow());
}

async function main(): Promise<number> {
  const config = parseBenchFlags(process.argv.slice(2));
  if (!config) return 0;
  stopChildrenOnSignals();
  const report = await runBench(config, registry, (line) => process.stderr.write(`${line}\n`));
  writeReport(config.out, report);
  process.stdout.write(
    `\n${renderHeader(report)}\n\n${renderTable(report)}\n\nWrote every run to ${config.out}\n`,
  );
  return 0;
}

// exitWhenDone: the in-process xDS client keeps timers alive after it is closed.
runCli('bench', main, { usage: 2, exitWhenDone: true });
