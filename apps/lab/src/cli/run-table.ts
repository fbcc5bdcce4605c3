import { type ProcessRegistry, replyLine } from '@grpc-greeter/greeter-process';
import { scenarioData } from '@grpc-greeter/helm';
import { ISTIO_VERSION } from '@grpc-greeter/istio-control-plane';
import { type LabInput, pathOf, runAll, type ScenarioRun } from '@grpc-greeter/lab-engine';
import type { LabConfig } from './flags';
import { jsonRow } from './json-rows';
import type { ProgressLine } from './progress-line';
import { renderHeaderSpread } from './header-spread';
import { renderNotes, renderPhases, renderPods, tableLayout, verdict } from './table';

/**
 * Runs every input and prints the table. Each row is printed as soon as it and every row above it
 * are done (the rows keep the inputs' order), so the tutorial's four come first; under them, on a
 * terminal, the progress line. --json prints one document at the end; --lines prints the client's
 * lines as they come and the table after them.
 */
export async function runTable(
  inputs: readonly LabInput[],
  config: LabConfig,
  registry: ProcessRegistry,
  progress?: ProgressLine,
): Promise<number> {
  const started = Date.now();
  const write = (stream: NodeJS.WritableStream, text: string) =>
    progress ? progress.above(() => stream.write(text)) : stream.write(text);
  const out = (text: string) => write(process.stdout, text);
  const layout = tableLayout(inputs, config.repeat);
  const streaming = !config.json && !config.lines;
  if (streaming) out(`\n${layout.head}\n`);
  progress?.counting(inputs.length);
  const finished: Array<ScenarioRun | undefined> = [];
  let printed = 0;
  const runs = await runAll(inputs, {
    registry,
    seed: config.seed,
    parallel: config.lines ? 1 : config.parallel,
    inOrder: leadingTutorialSteps(inputs),
    repeat: config.repeat,
    controlPlane: config.controlPlane,
    onReply: config.lines
      ? (_, reply) => out(`${replyLine(reply.message, reply.pod)}\n`)
      : undefined,
    onProgress: (line) => write(process.stderr, `lab: ${line}\n`),
    onStart: (input) => progress?.start(input.name),
    onDone: (run, index) => {
      finished[index] = run;
      for (let next = finished[printed]; streaming && next; next = finished[++printed])
        out(`${layout.row(next)}\n`);
      progress?.finish(run.input.name);
    },
  }).finally(() => progress?.stop());

  if (config.json) {
    out(`${JSON.stringify(runs.map(jsonRow), null, 2)}\n`);
  } else {
    if (!streaming) out(`\n${[layout.head, ...runs.map((run) => layout.row(run))].join('\n')}\n`);
    out(summary(runs, config, started));
  }
  for (const run of runs.filter((r) => verdict(r) === 'FAIL')) {
    const last = run.client.stderr.trim().split('\n').at(-1);
    process.stderr.write(
      `lab: ${run.input.name}: ${last || `client exited ${run.client.exitCode}`}\n`,
    );
  }
  return runs.some((run) => verdict(run) === 'FAIL') ? 1 : 0;
}

/** The tutorial's steps at the top of the table (listScenarios puts them first): the rows a newcomer waits for. */
function leadingTutorialSteps(inputs: readonly LabInput[]): number {
  const index = inputs.findIndex((input) => !(input.file && scenarioData(input.file).tutorialStep));
  return index === -1 ? inputs.length : index;
}

/** What goes under the table: phases, header values per pod, pods of a single run, notes, what was not modelled, the time. */
function summary(runs: readonly ScenarioRun[], config: LabConfig, started: number): string {
  const blocks = [
    renderPhases(runs),
    renderHeaderSpread(runs),
    runs.length === 1 ? renderPods(runs[0]) : '',
    renderNotes(runs),
  ];
  let text = blocks
    .filter(Boolean)
    .map((block) => `\n${block}\n`)
    .join('');
  if (config.controlPlane === 'istio' && runs.some((run) => pathOf(run.input.world) === 'mesh'))
    text += `mesh rows: Istio ${ISTIO_VERSION}'s own pilot (apps/istio-pilot) served the xDS\n`;
  const ignored = [...new Set(runs.flatMap((run) => run.input.world.ignored))];
  if (ignored.length) text += `ignored (not modelled): ${ignored.join(', ')}\n`;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `${text}\n${runs.length} scenario(s) in ${seconds}s on this machine.\n`;
}
