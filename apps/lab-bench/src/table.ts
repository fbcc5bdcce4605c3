import type { BenchReport } from './report';

/** Three significant-ish digits: 4321 rps, 12.3 ms, 0.84 ms, 1.07×. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
}

/** The header lines: when, how many runs, and on what (machine and how busy it was). */
export function renderHeader(report: BenchReport): string {
  const { machine, loadAverage, options } = report;
  return [
    `grpc-greeter-mesh bench, ${report.startedAt}: ${options.runs} runs per figure, ` +
      `${formatSeconds(options.durationMs)} per load measurement, ` +
      `${formatSeconds(report.durationMs)} in all`,
    `machine: nproc ${machine.nproc}, ${machine.cpuModel}, Node ${machine.node}, ${machine.os}, ` +
      `${machine.memoryGiB} GiB`,
    `load average (1/5/15 min): ${loadAverage.start.join(' ')} at start, ` +
      `${loadAverage.end.join(' ')} at end`,
  ].join('\n');
}

/** One row per figure (median, min, max, unit) under a line per section. */
export function renderTable(report: BenchReport): string {
  const header = ['figure', 'median', 'min', 'max', 'unit'];
  const blocks = report.sections.map((section) => ({
    title: `${section.title} (1-min load ${section.loadAverage.toFixed(2)})`,
    rows: section.figures.map((f) => [
      `  ${f.label}`,
      formatValue(f.summary.median),
      formatValue(f.summary.min),
      formatValue(f.summary.max),
      f.unit,
    ]),
  }));
  const rows = blocks.flatMap((block) => block.rows);
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((r) => r[i].length)));
  // Text left, numbers right, so the digits line up.
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...blocks.flatMap((block) => [block.title, ...block.rows.map(line)]),
  ].join('\n');
}
