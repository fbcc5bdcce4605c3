import { UsageError } from '@grpc-greeter/cli-kit';
import type { ExpectationResult } from '@grpc-greeter/greeter-process';
import type { ByHeader } from './tally';

/**
 * What a run should look like, so a split can be asserted from CI, `helm test` or skaffold verify:
 * - by version: `v1=90,v2=10` (percent of successful replies, summing to 100)
 * - `one-pod`: every reply came from the same pod (the L4 / single-connection picture)
 * - `many-pods`: more than one pod answered
 * - `sticky`: consistent hashing on a header: each value of a rotating --header (a key given 2+
 *   values) was answered by one pod only, and the values spread over more than one pod
 */
export type Expectation =
  | { kind: 'split'; spec: string; percentByVersion: Record<string, number>; tolerance: number }
  | { kind: 'one-pod' | 'many-pods' | 'sticky'; spec: string; tolerance: number };

const NAMED = ['one-pod', 'many-pods', 'sticky'] as const;

export function parseExpectation(spec: string, tolerance: number): Expectation {
  const text = spec.trim();
  const named = NAMED.find((kind) => kind === text);
  if (named) return { kind: named, spec: text, tolerance };
  const percentByVersion: Record<string, number> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([a-z0-9]([-a-z0-9]*[a-z0-9])?)\s*=\s*(\d{1,3})\s*$/.exec(part);
    if (!match) {
      throw new UsageError(
        `--expect: "${part}" is not version=percent (e.g. v1=90,v2=10), one-pod, many-pods or sticky`,
      );
    }
    percentByVersion[match[1]] = Number(match[3]);
  }
  const sum = Object.values(percentByVersion).reduce((a, b) => a + b, 0);
  if (sum !== 100) throw new UsageError(`--expect: percentages must sum to 100, got ${sum}`);
  return { kind: 'split', spec: text, percentByVersion, tolerance };
}

export function checkExpectation(
  expectation: Expectation,
  counts: {
    ok: number;
    byVersion: Record<string, number>;
    byHostname: Record<string, number>;
    byHeader: ByHeader;
  },
): ExpectationResult {
  const problems: string[] = [];
  const pods = Object.keys(counts.byHostname).length;
  if (counts.ok === 0) problems.push('no successful replies to judge');
  else if (expectation.kind === 'one-pod' && pods !== 1) {
    problems.push(`expected every reply from one pod, got ${pods} pods`);
  } else if (expectation.kind === 'many-pods' && pods < 2) {
    problems.push('expected replies from more than one pod, got only one');
  } else if (expectation.kind === 'sticky') {
    problems.push(...stickyProblems(counts.byHeader, pods));
  } else if (expectation.kind === 'split') {
    const versions = new Set([
      ...Object.keys(expectation.percentByVersion),
      ...Object.keys(counts.byVersion),
    ]);
    for (const version of [...versions].sort()) {
      const expected = expectation.percentByVersion[version] ?? 0;
      const got = counts.byVersion[version] ?? 0;
      const percent = (100 * got) / counts.ok;
      const off = Math.abs(percent - expected);
      if (off > expectation.tolerance) {
        problems.push(
          `${version}: expected ${expected}%, got ${percent.toFixed(1)}% (${got}/${counts.ok}), off by ${off.toFixed(1)} pp`,
        );
      }
    }
  }
  return {
    spec: expectation.spec,
    tolerance: expectation.tolerance,
    pass: problems.length === 0,
    problems,
  };
}

/** `sticky`: each value of each rotating header on one pod; the values on 2+ pods together. */
function stickyProblems(byHeader: ByHeader, pods: number): string[] {
  const rotating = Object.entries(byHeader).filter(([, values]) => Object.keys(values).length > 1);
  if (rotating.length === 0) return ['sticky needs a --header key given 2+ values'];
  const problems = rotating.flatMap(([key, values]) =>
    Object.entries(values)
      .filter(([, byPod]) => Object.keys(byPod).length > 1)
      .map(([value, byPod]) => `${key}=${value} was answered by ${Object.keys(byPod).length} pods`),
  );
  if (pods < 2) problems.push('every header value went to one pod: expected them spread over 2+');
  return problems;
}

/**
 * A share of all calls (failed ones, slow ones) within the tolerance, added to the split's result
 * (or standing alone without --expect). `spec` names it in the result, `label` in a miss.
 */
export function withShare(
  result: ExpectationResult | undefined,
  share: { spec: string; label: string; expectedPercent: number },
  tolerance: number,
  counts: { part: number; calls: number },
): ExpectationResult {
  const { part, calls } = counts;
  const percent = calls === 0 ? 0 : (100 * part) / calls;
  const off = Math.abs(percent - share.expectedPercent);
  const problems = [...(result?.problems ?? [])];
  if (calls === 0) problems.push(`no calls to judge the ${share.label} share by`);
  else if (off > tolerance) {
    problems.push(
      `${share.label}: expected ${share.expectedPercent}%, got ${percent.toFixed(1)}% (${part}/${calls}), off by ${off.toFixed(1)} pp`,
    );
  }
  return {
    spec: result ? `${result.spec} ${share.spec}` : share.spec,
    tolerance,
    pass: problems.length === 0,
    problems,
  };
}

/** --expect-failed: the share of failed calls (a bad pod's, an injected abort's). */
export function withFailedShare(
  result: ExpectationResult | undefined,
  expectedPercent: number,
  tolerance: number,
  counts: { ok: number; failed: number },
): ExpectationResult {
  return withShare(
    result,
    { spec: `failed=${expectedPercent}`, label: 'failed', expectedPercent },
    tolerance,
    { part: counts.failed, calls: counts.ok + counts.failed },
  );
}
