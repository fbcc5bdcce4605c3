import { PATH_LABEL, pathOf, type ScenarioRun } from '@grpc-greeter/lab-engine';

const BAR_WIDTH = 10;

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

/** The lab's comparison table: one row per scenario, one column per version, with text bars. */
export function renderTable(runs: readonly ScenarioRun[]): string {
  const versions = [
    ...new Set(
      runs.flatMap((run) => [
        ...run.pods.flatMap((pod) => (pod.version ? [pod.version] : [])),
        ...Object.keys(run.client.result?.byVersion ?? {}),
      ]),
    ),
  ].sort();
  const header = ['scenario', 'path', 'calls', ...versions, 'pods', 'expected', 'verdict'];
  const rows = runs.map((run) => {
    const result = run.client.result;
    const ok = result?.ok ?? 0;
    const answering = Object.keys(result?.byHostname ?? {}).length;
    const { expect, tolerance } = run.input.world.client;
    // The helm test pod's own flags: a split carries its tolerance, one-pod/many-pods do not.
    const expected = run.phases
      ? `${run.phases.length} phases`
      : expect
        ? `${expect}${expect.includes('=') && tolerance ? ` ±${tolerance}` : ''}`
        : '-';
    return [
      run.input.name,
      PATH_LABEL[pathOf(run.input.world)],
      String(result?.requests ?? 0),
      ...versions.map((v) => cell(result?.byVersion[v] ?? 0, ok)),
      `${answering}/${run.pods.length}`,
      expected,
      verdict(run) + (result && result.failed > 0 ? ` (${result.failed} failed)` : ''),
    ];
  });
  const widths = header.map((_, i) =>
    Math.max(header[i].length, ...rows.map((row) => row[i].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
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
