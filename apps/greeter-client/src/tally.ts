/** Replies per pod for each value of each --header key: key -> value -> pod -> count. */
export type ByHeader = Record<string, Record<string, Record<string, number>>>;

/**
 * Counts replies per pod, per version and per --header value, failures per status code, and call
 * latencies.
 */
export class Tally {
  readonly byHostname: Record<string, number> = {};
  readonly byHeader: ByHeader = {};
  readonly byVersion: Record<string, number> = {};
  readonly errors: Record<string, number> = {};
  readonly latenciesMs: number[] = [];
  ok = 0;
  failed = 0;

  addReply(
    hostname: string,
    version: string,
    latencyMs: number,
    sent: Record<string, string> = {},
  ): void {
    this.ok += 1;
    for (const [key, value] of Object.entries(sent)) {
      const pods = ((this.byHeader[key] ??= {})[value] ??= {});
      pods[hostname] = (pods[hostname] ?? 0) + 1;
    }
    this.byHostname[hostname] = (this.byHostname[hostname] ?? 0) + 1;
    this.byVersion[version] = (this.byVersion[version] ?? 0) + 1;
    this.latenciesMs.push(latencyMs);
  }

  addFailure(code: string): void {
    this.failed += 1;
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }

  get requests(): number {
    return this.ok + this.failed;
  }

  /** Nearest-rank percentiles of successful calls, in ms. */
  latencySummary() {
    const sorted = [...this.latenciesMs].sort((a, b) => a - b);
    const at = (p: number) =>
      sorted.length === 0
        ? 0
        : round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
    return { p50: at(50), p90: at(90), p99: at(99), max: at(100) };
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
