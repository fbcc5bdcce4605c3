import type {
  ExpectationResult,
  FailureLine,
  ReplyLine,
  ResultLine,
} from '@grpc-greeter/greeter-process';
import type { Reply } from './say-hello';
import type { Tally } from './tally';

const BAR_WIDTH = 40;

function table(title: string, counts: Record<string, number>, total: number): string[] {
  const names = Object.keys(counts).sort();
  const width = Math.max(title.length, ...names.map((n) => n.length));
  return [
    `${title.padEnd(width)}  count  percent`,
    ...names.map((name) => {
      const share = total === 0 ? 0 : counts[name] / total;
      const bar = '#'.repeat(Math.round(share * BAR_WIDTH));
      return `${name.padEnd(width)}  ${String(counts[name]).padStart(5)}  ${(share * 100).toFixed(1).padStart(6)}%  ${bar}`;
    }),
  ];
}

export interface RunInfo {
  target: string;
  lbPolicy: string;
  durationMs: number;
}

export function summaryText(tally: Tally, info: RunInfo, expectation?: ExpectationResult): string {
  const lines = [
    '',
    `--- ${tally.requests} calls to ${info.target} (${info.lbPolicy}, one channel): ` +
      `${tally.ok} ok, ${tally.failed} failed in ${(info.durationMs / 1000).toFixed(2)}s`,
    ...table('version', tally.byVersion, tally.ok),
    ...table('pod', tally.byHostname, tally.ok),
    ...valuesPerPod(tally),
  ];
  if (tally.failed > 0) {
    lines.push(
      `errors: ${Object.entries(tally.errors)
        .map(([code, n]) => `${code}=${n}`)
        .join(' ')}`,
    );
  }
  if (expectation) {
    lines.push(
      expectation.pass
        ? `expect ${expectation.spec} (±${expectation.tolerance} pp): ok`
        : `expect ${expectation.spec} (±${expectation.tolerance} pp): FAILED`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** For each rotating --header: which values each pod answered (`x-user per pod: a 3 (alice…)`). */
function valuesPerPod(tally: Tally): string[] {
  return Object.entries(tally.byHeader)
    .filter(([, values]) => Object.keys(values).length > 1)
    .map(([key, values]) => {
      const byPod: Record<string, string[]> = {};
      for (const [value, pods] of Object.entries(values)) {
        for (const pod of Object.keys(pods)) (byPod[pod] ??= []).push(value);
      }
      const parts = Object.keys(byPod)
        .sort()
        .map((pod) => `${pod} ${byPod[pod].length} (${byPod[pod].join(' ')})`);
      return `${key} per pod: ${parts.join(', ')}`;
    });
}

/** --json: a call's line. */
export function replyJson(reply: Reply): ReplyLine {
  const { hostname, version, message, latencyMs } = reply;
  return { event: 'reply', pod: hostname, version, message, latencyMs };
}

/** --json: a failed call's line. */
export function failureJson(code: string, error: Error): FailureLine {
  return { event: 'failure', code, message: error.message };
}

/** --json: the last line, the run as a whole. */
export function resultJson(
  tally: Tally,
  info: RunInfo,
  expectation?: ExpectationResult,
): ResultLine {
  return {
    event: 'result',
    target: info.target,
    lbPolicy: info.lbPolicy,
    requests: tally.requests,
    ok: tally.ok,
    failed: tally.failed,
    errors: tally.errors,
    byHostname: tally.byHostname,
    byVersion: tally.byVersion,
    byHeader: tally.byHeader,
    expect: expectation ?? null,
    latencyMs: tally.latencySummary(),
    durationMs: Math.round(info.durationMs),
    rps: info.durationMs > 0 ? Math.round((tally.requests * 1000) / info.durationMs) : 0,
  };
}
