// uPlot (pinned in package.json) draws the rates: ~50 kB, made for streaming time series on a
// canvas, no animation to switch off and no dependencies, where Chart.js is several times larger.
import uPlot from 'uplot';
import { el } from './dom';

// One minute of one-second windows.
const HISTORY = 60;
const HEIGHT = 220;
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
];

/**
 * Calls per second per series (a pod, or a version) over the last minute, with a legend that
 * shows each series' latest rate. Series come and go with the pods: one that stops existing stays
 * until its last non-zero window scrolls out.
 */
export class LiveChart {
  private readonly times: number[] = [];
  private readonly values = new Map<string, number[]>();
  private readonly colors = new Map<string, string>();
  private plot?: uPlot;
  private plotted = '';

  constructor(
    private readonly plotRoot: HTMLElement,
    private readonly legend: HTMLElement,
  ) {
    new ResizeObserver(() => this.plot?.setSize(this.size())).observe(plotRoot);
  }

  /** Adds one window; `present` are the series that exist now (drawn even at 0 calls). */
  push(timeMs: number, rates: Record<string, number>, present: readonly string[]): void {
    for (const name of [...present, ...Object.keys(rates)]) {
      if (!this.values.has(name))
        this.values.set(
          name,
          this.times.map(() => 0),
        );
    }
    this.times.push(timeMs / 1000);
    for (const [name, column] of this.values) column.push(rates[name] ?? 0);
    if (this.times.length > HISTORY) {
      this.times.shift();
      for (const column of this.values.values()) column.shift();
    }
    for (const [name, column] of this.values) {
      if (!present.includes(name) && column.every((value) => value === 0)) this.values.delete(name);
    }
    this.draw();
    this.renderLegend();
  }

  private draw(): void {
    const names = [...this.values.keys()].sort();
    const data: uPlot.AlignedData = [
      this.times,
      ...names.map((name) => this.values.get(name) ?? []),
    ];
    if (this.plot && this.plotted === names.join('\n')) {
      this.plot.setData(data);
      return;
    }
    // A new set of series: uPlot's series are positional, so start a fresh plot.
    this.plot?.destroy();
    this.plotted = names.join('\n');
    this.plot = new uPlot(
      {
        ...this.size(),
        legend: { show: false },
        scales: { y: { range: (_u, _min, max) => [0, Math.max(10, max * 1.1)] } },
        axes: [{}, { label: 'calls/s' }],
        series: [
          {},
          ...names.map((name) => ({ label: name, stroke: this.colorOf(name), width: 2 })),
        ],
      },
      data,
      this.plotRoot,
    );
  }

  private renderLegend(): void {
    const rows = [...this.values.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, column]) => {
        const rate = column.at(-1) ?? 0;
        return el(
          'li',
          { dataset: { series: name, rate: String(rate) } },
          el('span', { className: 'swatch', style: `background:${this.colorOf(name)}` }),
          el('span', { className: 'name', textContent: name }),
          el('span', { className: 'rate', textContent: `${rate.toFixed(0)}/s` }),
        );
      });
    this.legend.replaceChildren(...rows);
  }

  private colorOf(name: string): string {
    if (!this.colors.has(name)) this.colors.set(name, PALETTE[this.colors.size % PALETTE.length]);
    return this.colors.get(name) as string;
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(this.plotRoot.clientWidth, 300), height: HEIGHT };
  }
}
