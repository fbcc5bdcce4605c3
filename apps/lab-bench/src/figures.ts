import { summarise, type Summary } from './stats';

/** One number the bench reports: every run's value, and their summary. */
export interface Figure {
  id: string;
  label: string;
  unit: string;
  runs: number[];
  summary: Summary;
}

/** A group of figures measured the same way, with the raw per-run detail behind them. */
export interface Section {
  id: string;
  title: string;
  /** One line on how the figures were taken. */
  method: string;
  figures: Figure[];
  /** Per run: the documents the figures were read from (client JSON, timings…). */
  raw: unknown[];
  /** 1-minute load average when the section started: how busy the machine was. */
  loadAverage: number;
}

export function figure(id: string, label: string, unit: string, runs: number[]): Figure {
  return { id, label, unit, runs, summary: summarise(runs) };
}
