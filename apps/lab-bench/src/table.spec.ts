import { figure } from './figures';
import type { BenchReport } from './report';
import { formatValue, renderHeader, renderTable } from './table';

const report: BenchReport = {
  startedAt: '2026-01-02T03:04:05.000Z',
  durationMs: 95_000,
  machine: { nproc: 2, cpuModel: 'AMD EPYC', node: 'v20.20.2', os: 'linux 6.1', memoryGiB: 8 },
  loadAverage: { start: [1.5, 1, 0.5], end: [2, 1.5, 1] },
  options: { runs: 5, durationMs: 1000 },
  sections: [
    {
      id: 'throughput',
      title: 'server throughput',
      method: '',
      figures: [
        figure('c1.rps', 'concurrency 1: throughput', 'rps', [900, 1100, 1000, 950, 1234]),
        figure('c1.p50', 'concurrency 1: p50 latency', 'ms', [0.7, 0.65, 0.8, 0.72, 0.69]),
      ],
      raw: [],
      loadAverage: 1.5,
    },
    {
      id: 'split-error',
      title: 'lab: weighted-90-10',
      method: '',
      figures: [figure('error-pp', 'split error, 90/10', 'pp', [0.5, 0.1, 0.9, 0.3, 12.5])],
      raw: [],
      loadAverage: 2,
    },
  ],
};

describe('formatValue', () => {
  it('Should keep about three significant digits', () => {
    expect([1234.4, 12.34, 0.8412, 1.0749].map(formatValue)).toEqual([
      '1234',
      '12.3',
      '0.84',
      '1.07',
    ]);
  });

  it('Should say n/a for a ratio that could not be computed', () => {
    expect(formatValue(Number.NaN)).toBe('n/a');
  });
});

describe('renderTable', () => {
  it('Should print a line per section and a row per figure: median, min, max and unit', () => {
    expect(renderTable(report).split('\n')).toEqual([
      'figure                        median   min   max  unit',
      '----------------------------  ------  ----  ----  ----',
      'server throughput (1-min load 1.50)',
      '  concurrency 1: throughput     1000   900  1234  rps',
      '  concurrency 1: p50 latency    0.70  0.65  0.80  ms',
      'lab: weighted-90-10 (1-min load 2.00)',
      '  split error, 90/10            0.50  0.10  12.5  pp',
    ]);
  });
});

describe('renderHeader', () => {
  it('Should name the date, the runs, the machine and its load average', () => {
    const header = renderHeader(report);

    expect(header).toContain(
      '2026-01-02T03:04:05.000Z: 5 runs per figure, 1.0s per load measurement',
    );
    expect(header).toContain('nproc 2, AMD EPYC, Node v20.20.2');
    expect(header).toContain('1.5 1 0.5 at start, 2 1.5 1 at end');
  });
});
