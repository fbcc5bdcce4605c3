import { UsageError } from './usage-error';

// Written by hand because no npm package parses exactly Go's time.ParseDuration grammar ("1m30s",
// "200ms", "1.5h", "0"), and our flags must accept what the Go tools accept and nothing looser.
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const TERM = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;

/** Parses a Go duration string into milliseconds; throws UsageError on anything Go would reject. */
export function parseGoDuration(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const sign = trimmed.startsWith('-') ? -1 : 1;
  const body = trimmed.replace(/^[-+]/, '');
  if (body === '') throw new UsageError(`invalid duration "${text}"`);
  let total = 0;
  TERM.lastIndex = 0;
  let consumed = 0;
  for (let match = TERM.exec(body); match; match = TERM.exec(body)) {
    total += Number(match[1]) * UNIT_MS[match[2]];
    consumed = TERM.lastIndex;
  }
  if (consumed !== body.length) {
    throw new UsageError(`invalid duration "${text}" (use Go form: 5s, 200ms, 1m30s)`);
  }
  return sign * total;
}

/** Formats milliseconds the way Go prints a time.Duration, for help texts and logs. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return `${hours ? `${hours}h` : ''}${hours || minutes ? `${minutes}m` : ''}${seconds}s`;
}
