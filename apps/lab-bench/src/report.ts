import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Section } from './figures';
import type { Machine } from './machine';

/** The JSON document `npm run bench` writes: every figure with its runs, and the context. */
export interface BenchReport {
  startedAt: string;
  durationMs: number;
  machine: Machine;
  loadAverage: { start: number[]; end: number[] };
  options: { runs: number; durationMs: number; only?: string };
  sections: Section[];
}

export function writeReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
