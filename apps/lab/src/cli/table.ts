import { versionFromPodName } from '@grpc-greeter/greeter-process';
import { type LabInput, PATH_LABEL, pathOf, type ScenarioRun } from '@grpc-greeter/lab-engine';
import { flagValue, type LabWorld } from '@grpc-greeter/manifests';

const BAR_WIDTH = 10;
// A version's cell: `100.0% ##########`.
const CELL_WIDTH = 7 + BAR_WIDTH;

export function verdict(run: ScenarioRun): 'PASS' | 'FAIL' | '-' {
  const result = run.client.result;
  if (run.phases) return result && run.phases.every((p) => p.misses.length === 0) ? 'PASS' : 'FAIL';
  if (!result || run.client.exitCode !== 0) return 'FAIL';
  return result.expect ? (result.expect.pass ? 'PASS' : 'FAIL') : '-';
}

function cell(count: number, total: number): string {
  const share = total === 0 ? 0 : count / total;
  return `${(share * 100).toFixed(1).padStart(5)}% ${'#'.repeat(Math.round(share * BAR_WIDTH)).padEnd(BAR_WIDTH)}`;
}

/** The shares of calls the helm test pod expects to fail or be slow (a fault, a bad pod), as the client names them. */
const SHARE_FLAGS = [
  ['expect-failed', 'failed'],
  ['expect-slow', 'slow'],
] as const;

/** The helm test pod's own flags: a split or share carries its tolerance, one-pod/many-pods do not. */
function expected(input: LabInput): string {
  const { expect, tolerance, args } = input.world.client;
  if (input.phases) return `${input.phases.length} phases`;
  if (!expect) return '-';
  const shares = SHARE_FLAGS.flatMap(([flag, name]) => {
    const value = flagValue(args, flag);
    return value === undefined ? [] : [`${name}=${value}`];
  });
  const spec = [expect, ...shares].join(' ');
  return `${spec}${spec.includes('=') && tolerance ? ` ±${tolerance}` : ''}`;
}

function worldsOf(input: LabInput): LabWorld[] {
  return [input.world, ...(input.phases ?? []).slice(1).map((phase) => phase.world)];
}

function replicas(world: LabWorld): number {
  return world.servers.reduce((sum, server) => sum + server.replicas, 0);
}

function plannedCalls(input: LabInput, repeat?: number): number {
  return input.phases?.reduce((sum, p) => sum + p.calls, 0) ?? repeat ?? input.world.client.repeat;
}

export interface TableLayout {
  /** The header line and the rule under it. */
  head: string;
  row(run: ScenarioRun): string;
}

/**
 * The comparison table's columns (one per version) and widths, fixed from the inputs alone before
 * any run ends, so each row can be printed as soon as it is done.
 */
export function tableLayout(inputs: readonly LabInput[], repeat?: number): TableLayout {
  const worlds = inputs.flatMap(worldsOf);
  const versions = [
    ...new Set(
      worlds.flatMap((w) => w.servers.map((s) => s.version ?? versionFromPodName(s.name))),
    ),
  ].sort();
  // At most every replica of every phase: a rollout's new pods count as well as the old ones.
  const mostPods = Math.max(...inputs.map((i) => worldsOf(i).reduce((n, w) => n + replicas(w), 0)));
  const header = ['scenario', 'path', 'calls', ...versions, 'pods', 'expected', 'verdict'];
  const widths = [
    Math.max(...inputs.map((i) => i.name.length)),
    Math.max(...inputs.map((i) => PATH_LABEL[pathOf(i.world)].length)),
    Math.max(...inputs.map((i) => String(plannedCalls(i, repeat)).length)),
    ...versions.map(() => CELL_WIDTH),
    `${mostPods}/${mostPods}`.length,
    Math.max(...inputs.map((i) => expected(i).length)),
    0,
  ].map((width, i) => Math.max(width, header[i].length));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return {
    head: [line(header), line(widths.map((w) => '-'.repeat(w)))].join('\n'),
    row(run) {
      const result = run.client.result;
      const ok = result?.ok ?? 0;
      return line([
        run.input.name,
        PATH_LABEL[pathOf(run.input.world)],
        String(result?.requests ?? 0),
        ...versions.map((v) => cell(result?.byVersion[v] ?? 0, ok)),
        `${Object.keys(result?.byHostname ?? {}).length}/${run.pods.length}`,
        expected(run.input),
        verdict(run) + (result && result.failed > 0 ? ` (${result.failed} failed)` : ''),
      ]);
    },
  };
}

/** Per-pod detail under a single scenario run: which pod got how many calls. */
export function renderPods(run: ScenarioRun): string {
  const byHostname = run.client.result?.byHostname ?? {};
  const ok = run.client.result?.ok ?? 0;
  const width = Math.max(...run.pods.map((pod) => pod.hostname.length));
  return run.pods
    .map(
      (pod) =>
        `  ${pod.hostname.padEnd(width)}  ${pod.version ?? '?'}  ${String(byHostname[pod.hostname] ?? 0).padStart(5)}  ${cell(byHostname[pod.hostname] ?? 0, ok)}`,
    )
    .join('\n');
}

/** What the lab approximates, under the table: one line per run that has any. */
export function renderNotes(runs: readonly ScenarioRun[]): string {
  return runs
    .flatMap((run) => run.notes.map((note) => `note: ${run.input.name}: ${note}`))
    .join('\n');
}

/** Each phased run's phases, one line each: calls, failures, and what its new pods got. */
export function renderPhases(runs: readonly ScenarioRun[]): string {
  return runs
    .flatMap((run) =>
      (run.phases ?? []).map((phase, i) => {
        const pods = phase.newPods
          .map((p) => `${p.hostname.split('-').at(-1)} ${p.calls}`)
          .join(', ');
        const verdictText = phase.misses.length ? `FAIL: ${phase.misses.join('; ')}` : 'ok';
        return (
          `${run.input.name} phase ${i + 1} (${phase.name}): ${phase.calls} calls, ${phase.failed} failed` +
          `${pods ? `; new pods ${pods}` : ''}  ${verdictText}`
        );
      }),
    )
    .join('\n');
}
