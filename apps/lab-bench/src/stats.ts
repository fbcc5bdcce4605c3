/** One figure's runs reduced to what the table prints: the median, and min/max to show the spread. */
export interface Summary {
  median: number;
  min: number;
  max: number;
}

/** The median (mean of the middle two for an even count), min and max; throws on no runs. */
export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarise: no runs to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * `value / baseline`, for comparisons made inside one run (both measured back to back), which is
 * what survives a noisy machine: load that slows both sides cancels out.
 */
export function ratio(value: number, baseline: number): number {
  return baseline === 0 ? Number.NaN : value / baseline;
}
