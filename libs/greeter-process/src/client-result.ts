/**
 * greeter-client's `--json` document: the contract between the client, which writes it
 * (apps/greeter-client/src/report.ts), and the lab, bench and tests that read it.
 */
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
  expect: { spec: string; tolerance: number; pass: boolean; problems: string[] } | null;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  durationMs: number;
  rps: number;
}
