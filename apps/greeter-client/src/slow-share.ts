import { formatGoDuration, parseDurationFlag, UsageError } from '@grpc-greeter/cli-kit';
import type { ExpectationResult } from '@grpc-greeter/greeter-process';
import { withShare } from './expectation';

/** --expect-slow=P@D: P percent of the calls take D or longer (an injected delay: 10@200ms). */
export interface SlowShare {
  percent: number;
  atLeastMs: number;
}

export function parseSlowShare(text: string): SlowShare {
  const match = /^(\d{1,3})@(.+)$/.exec(text.trim());
  if (!match) {
    throw new UsageError(`--expect-slow: "${text}" is not percent@duration (e.g. 10@200ms)`);
  }
  const percent = Number(match[1]);
  if (percent > 100) throw new UsageError(`--expect-slow: must be at most 100%, got ${percent}`);
  return { percent, atLeastMs: parseDurationFlag('expect-slow', match[2], { min: 1 }) };
}

/**
 * The share of calls that took `atLeastMs` or longer, of all calls: a failed call counts as not
 * slow (only replies carry a latency), so an abort and a delay on one route are judged apart.
 */
export function withSlowShare(
  result: ExpectationResult | undefined,
  slow: SlowShare,
  tolerance: number,
  counts: { requests: number; latenciesMs: readonly number[] },
): ExpectationResult {
  const duration = formatGoDuration(slow.atLeastMs);
  return withShare(
    result,
    {
      spec: `slow=${slow.percent}@${duration}`,
      label: `slow (>= ${duration})`,
      expectedPercent: slow.percent,
    },
    tolerance,
    {
      part: counts.latenciesMs.filter((ms) => ms >= slow.atLeastMs).length,
      calls: counts.requests,
    },
  );
}
