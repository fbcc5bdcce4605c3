import { parseGoDuration } from './go-duration';
import { UsageError } from './usage-error';

// Numeric and duration flags are declared as strings and converted here, so a bad value is reported
// with the flag's name and the text the user typed (yargs would silently turn "abc" into NaN).

export function parseInteger(flag: string, raw: string, options: { min?: number } = {}): number {
  const text = raw.trim();
  if (!/^[-+]?\d+$/.test(text)) throw new UsageError(`--${flag}: "${raw}" is not an integer`);
  const value = Number(text);
  if (options.min !== undefined && value < options.min) {
    throw new UsageError(`--${flag}: must be at least ${options.min}, got ${value}`);
  }
  return value;
}

export function parseDurationFlag(
  flag: string,
  raw: string,
  options: { min?: number } = {},
): number {
  let value: number;
  try {
    value = parseGoDuration(raw);
  } catch (error) {
    throw new UsageError(`--${flag}: ${(error as Error).message}`);
  }
  if (options.min !== undefined && value < options.min) {
    throw new UsageError(`--${flag}: must not be negative, got "${raw}"`);
  }
  return value;
}

export function requireNonEmpty(flag: string, raw: string): string {
  if (raw.trim() === '') throw new UsageError(`--${flag}: must not be empty`);
  return raw.trim();
}
