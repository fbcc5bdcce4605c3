// The figures of the fault scenarios, asserted alike on both planes: the VirtualService abort's
// share of failed calls and the delay's slow calls, each 10 % of 200 within the chart's ±8 points,
// and the calls a bad pod keeps failing when no outlier detection reaches the client.
import type { LabRow } from './run-lab';

const FAULTED_PERCENT = 10;
const TOLERANCE_POINTS = 8;
const DELAY_MS = 200;

/** fault-abort: ~10 % of the calls fail, every one ABORTED (the mesh hop's, not a pod's). */
export function expectAborted(row: LabRow): void {
  const { requests, failed, errors, expect: judged } = row.client;
  expect(requests).toBe(200);
  expect(Object.keys(errors)).toEqual(['ABORTED']);
  expect(Math.abs((100 * failed) / requests - FAULTED_PERCENT)).toBeLessThanOrEqual(
    TOLERANCE_POINTS,
  );
  expect(judged).toMatchObject({ spec: 'v1=50,v2=50 failed=10', pass: true });
}

/**
 * fault-delay: no call fails, the slowest took the delay or longer and the median did not; the
 * client judged the share of calls that took it (expect-slow.spec.ts tests that count).
 */
export function expectDelayed(row: LabRow): void {
  const { requests, failed, latencyMs, expect: judged } = row.client;
  expect(requests).toBe(200);
  expect(failed).toBe(0);
  expect(latencyMs.max).toBeGreaterThanOrEqual(DELAY_MS);
  expect(latencyMs.p50).toBeLessThan(DELAY_MS);
  expect(judged).toMatchObject({ spec: 'v1=50,v2=50 slow=10@200ms', pass: true, tolerance: 8 });
}

// outlier-detection: v2 fails every call and round robin gives it one call in two.
const BAD_POD_PERCENT = 50;

/**
 * outlier-detection: istiod sends the proxyless client no outlier detection, so the bad pod is
 * never ejected: ~half of the calls still reach it and fail UNAVAILABLE (nothing retries them),
 * and every reply comes from v1.
 */
export function expectBadPodKept(row: LabRow): void {
  const { requests, failed, errors, byVersion, expect: judged } = row.client;
  expect(requests).toBe(200);
  expect(Object.keys(errors)).toEqual(['UNAVAILABLE']);
  expect(Math.abs((100 * failed) / requests - BAD_POD_PERCENT)).toBeLessThanOrEqual(
    TOLERANCE_POINTS,
  );
  expect(byVersion).toEqual({ v1: requests - failed });
  expect(judged).toMatchObject({ spec: 'v1=100,v2=0 failed=50', pass: true });
}
