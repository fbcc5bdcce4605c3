import { runCli } from '@grpc-greeter/cli-kit';
import { ProcessRegistry } from '@grpc-greeter/greeter-process';
import { findChartDir, listScenarios } from '@grpc-greeter/helm';
import { inputContext, type InputSpec, loadInput } from '@grpc-greeter/lab-engine';
import { parseLabFlags } from './cli/flags';
import { ProgressLine } from './cli/progress-line';
import { runTable } from './cli/run-table';
import { startUiServer } from './ui';
import { watchInput } from './watch/watch';

const registry = new ProcessRegistry();

async function main(): Promise<number> {
  const started = Date.now();
  const config = parseLabFlags(process.argv.slice(2));
  if (!config) return 0;
  const chartDir = findChartDir();
  const ctx = inputContext(chartDir);
  const specs: InputSpec[] = config.inputs.length
    ? config.inputs
    : listScenarios(chartDir).map((value) => ({ kind: 'scenario', value }));
  // On a terminal, the table's progress line shows from the start: rendering takes seconds too.
  const progress =
    process.stdout.isTTY && !config.json && !config.lines && !config.watch
      ? new ProgressLine(process.stdout, started, `rendering ${specs.length} input(s)`)
      : undefined;
  // Read and check every input before starting anything: a bad one stops the lab, half-done nothing.
  // helm renders in parallel: two dozen renders one after another would cost seconds.
  const inputs = await Promise.all(specs.map((spec) => loadInput(spec, ctx))).catch((error) => {
    progress?.stop();
    throw error;
  });
  if (inputs.some((input) => input.committedRender)) {
    const line =
      'lab: helm not found (HELM_BIN, PATH): running the committed renders in charts/grpc-greeter/rendered/\n';
    if (progress) progress.above(() => process.stderr.write(line));
    else process.stderr.write(line);
  }
  registry.stopChildrenOnSignals();

  if (config.watch) {
    const ui = config.ui;
    return watchInput(inputs[0], {
      registry,
      ctx,
      intervalMs: config.watchIntervalMs,
      controlPlane: config.controlPlane,
      json: config.json,
      onRunning: ui
        ? async (lab) => {
            const server = await startUiServer(lab, { port: ui.port });
            process.stderr.write(`lab: live view at ${server.url} (Ctrl-C to stop)\n`);
          }
        : undefined,
    });
  }
  return runTable(inputs, config, registry, progress);
}

runCli('lab', main, { usage: 2, exitWhenDone: true });
