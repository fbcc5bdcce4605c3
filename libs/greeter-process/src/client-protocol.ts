/**
 * greeter-client's `--json` output, JSON Lines on stdout: one `reply` or `failure` line per call as
 * it ends (none with --quiet), then one `result` line. The contract between the client, which writes
 * it (apps/greeter-client/src/report.ts), and the lab, bench and tests that read it
 * (runGreeterClient): nobody else reads the client's human lines.
 */
export type ClientLine = ReplyLine | FailureLine | ResultLine;

/** A call a pod answered. */
export interface ReplyLine {
  event: 'reply';
  /** The pod that answered (its `hostname` header). */
  pod: string;
  /** Its `version` header, else the version in the pod name. */
  version: string;
  /** The reply's text, `Hello world`. */
  message: string;
  latencyMs: number;
}

/** A call that failed, after the retries. */
export interface FailureLine {
  event: 'failure';
  /** The gRPC status name: UNAVAILABLE, DEADLINE_EXCEEDED… */
  code: string;
  message: string;
}

export type ResultLine = { event: 'result' } & ClientResult;

/** How a run measured up to --expect (the helm test pod's check). */
export interface ExpectationResult {
  spec: string;
  tolerance: number;
  pass: boolean;
  problems: string[];
}

/** The run as a whole. */
export interface ClientResult {
  target: string;
  lbPolicy: string;
  requests: number;
  ok: number;
  failed: number;
  /** Failed calls per gRPC status name (UNAVAILABLE, DEADLINE_EXCEEDED…). */
  errors: Record<string, number>;
  byHostname: Record<string, number>;
  byVersion: Record<string, number>;
  /** Replies per pod for each value of each --header key: key -> value -> pod -> count. */
  byHeader: Record<string, Record<string, Record<string, number>>>;
  expect: ExpectationResult | null;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  durationMs: number;
  rps: number;
}
