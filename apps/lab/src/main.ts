import { runCli } from '@grpc-greeter/cli-kit';
import { listScenarios, loadScenario } from '@grpc-greeter/scenario';
import { parseLabFlags } from './flags';
import { ProcessRegistry } from './process-registry';
import { runAll } from './run-all';
import { renderPods, renderTable, verdict } from './table';
import { watchScenario } from './watch';

const registry = new ProcessRegistry();

async function main(): Promise<number> {
  const config = parseLabFlags(process.argv.slice(2));
  if (!config) return 0;
  // Load and validate every file before starting anything: a bad file stops the lab, half-done nothing.
  const names = config.scenarios.length > 0 ? config.scenarios : listScenarios();
  const scenarios = names.map((name) => loadScenario(name));
  registry.stopChildrenOnSignals();

  if (config.watch) {
    const code = await watchScenario(scenarios[0], {
      registry,
      intervalMs: config.watchIntervalMs,
      json: config.json,
    });
    // After Ctrl-C the client ends too; the signal handler owns the exit code then (130/143).
    if (registry.stopping) await new Promise(() => undefined);
    return code;
  }

  const started = Date.now();
  const runs = await runAll(scenarios, {
    registry,
    seed: config.seed,
    parallel: config.lines ? 1 : config.parallel,
    repeat: config.repeat,
    onLine: config.lines ? (_, line) => process.stdout.write(`${line}\n`) : undefined,
  });
  if (config.json) {
    const json = runs.map((run) => ({
      scenario: run.scenario.name,
      path: run.scenario.path,
      pods: run.pods,
      verdict: verdict(run),
      client: run.client.result ?? null,
    }));
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(`\n${renderTable(runs)}\n`);
    if (runs.length === 1) process.stdout.write(`\n${renderPods(runs[0])}\n`);
    process.stdout.write(
      `\n${runs.length} scenario(s) in ${((Date.now() - started) / 1000).toFixed(1)}s on this machine.\n`,
    );
  }
  for (const run of runs.filter((r) => verdict(r) === 'FAIL')) {
    process.stderr.write(
      `lab: ${run.scenario.name}: ${run.client.stderr.trim() || `client exited ${run.client.exitCode}`}\n`,
    );
  }
  return runs.some((run) => verdict(run) === 'FAIL') ? 1 : 0;
}

runCli('lab', main, { usage: 2, exitWhenDone: true });
