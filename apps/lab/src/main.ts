import { runCli } from '@grpc-greeter/cli-kit';
import { findChartDir, listScenarios } from '@grpc-greeter/helm';
import { ISTIO_VERSION } from '@grpc-greeter/istio-control-plane';
import { ProcessRegistry } from '@grpc-greeter/greeter-process';
import { inputContext, type InputSpec, loadInput, pathOf, runAll } from '@grpc-greeter/lab-engine';
import { parseLabFlags } from './cli/flags';
import { renderNotes, renderPhases, renderPods, renderTable, verdict } from './cli/table';
import { startUiServer } from './ui';
import { watchInput } from './watch/watch';

const registry = new ProcessRegistry();

async function main(): Promise<number> {
  const config = parseLabFlags(process.argv.slice(2));
  if (!config) return 0;
  const chartDir = findChartDir();
  const ctx = inputContext(chartDir);
  const specs: InputSpec[] = config.inputs.length
    ? config.inputs
    : listScenarios(chartDir).map((value) => ({ kind: 'scenario', value }));
  // Read and check every input before starting anything: a bad one stops the lab, half-done nothing.
  // helm renders in parallel: two dozen renders one after another would cost seconds.
  const inputs = await Promise.all(specs.map((spec) => loadInput(spec, ctx)));
  if (inputs.some((input) => input.committedRender)) {
    process.stderr.write(
      'lab: helm not found (HELM_BIN, PATH): running the committed renders in charts/grpc-greeter/rendered/\n',
    );
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

  const started = Date.now();
  const runs = await runAll(inputs, {
    registry,
    seed: config.seed,
    parallel: config.lines ? 1 : config.parallel,
    repeat: config.repeat,
    onLine: config.lines ? (_, line) => process.stdout.write(`${line}\n`) : undefined,
    controlPlane: config.controlPlane,
    onProgress: (line) => process.stderr.write(`lab: ${line}\n`),
  });
  if (config.json) {
    const json = runs.map((run) => ({
      scenario: run.input.name,
      path: pathOf(run.input.world),
      pods: run.pods,
      expect: run.input.world.client.expect ?? null,
      verdict: verdict(run),
      notes: run.notes,
      phases: run.phases ?? null,
      ignored: run.input.world.ignored,
      client: run.client.result ?? null,
    }));
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(`\n${renderTable(runs)}\n`);
    const phases = renderPhases(runs);
    if (phases) process.stdout.write(`\n${phases}\n`);
    if (runs.length === 1) process.stdout.write(`\n${renderPods(runs[0])}\n`);
    const notes = renderNotes(runs);
    if (notes) process.stdout.write(`\n${notes}\n`);
    if (config.controlPlane === 'istio' && runs.some((run) => pathOf(run.input.world) === 'mesh'))
      process.stdout.write(
        `mesh rows: Istio ${ISTIO_VERSION}'s own pilot (apps/istio-pilot) served the xDS\n`,
      );
    const ignored = [...new Set(runs.flatMap((run) => run.input.world.ignored))];
    if (ignored.length) process.stdout.write(`ignored (not modelled): ${ignored.join(', ')}\n`);
    process.stdout.write(
      `\n${runs.length} scenario(s) in ${((Date.now() - started) / 1000).toFixed(1)}s on this machine.\n`,
    );
  }
  for (const run of runs.filter((r) => verdict(r) === 'FAIL')) {
    process.stderr.write(
      `lab: ${run.input.name}: ${run.client.stderr.trim().split('\n').at(-1) || `client exited ${run.client.exitCode}`}\n`,
    );
  }
  return runs.some((run) => verdict(run) === 'FAIL') ? 1 : 0;
}

runCli('lab', main, { usage: 2, exitWhenDone: true });
