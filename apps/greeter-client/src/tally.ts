/** Counts replies per pod and per version, failures per status code, and call latencies. */
export class Tally {
  readonly byHostname: Record<string, number> = {};
  readonly byVersion: Record<string, number> = {};
  readonly errors: Record<string, number> = {};
  readonly latenciesMs: number[] = [];
  ok = 0;
  failed = 0;

  addReply(hostname: string, version: string, latencyMs: number): void {
    this.ok += 1;
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
