import { parseGhzReport } from './ghz';

// The fields of a real `ghz --format=json` report that the comparison reads (latencies in ns).
const REPORT = {
  count: 60123,
  rps: 12024.6,
  latencyDistribution: [
    { percentage: 10, latency: 1_200_000 },
    { percentage: 50, latency: 3_850_000 },
    { percentage: 99, latency: 11_500_000 },
  ],
  statusCodeDistribution: { OK: 60120, Unavailable: 3 },
};

describe('parseGhzReport', () => {
  it('Should read rps, p50/p99 in milliseconds and every status other than OK', () => {
    expect(parseGhzReport(JSON.stringify(REPORT))).toEqual({
      rps: 12024.6,
      p50Ms: 3.85,
      p99Ms: 11.5,
      count: 60123,
      errors: { Unavailable: 3 },
    });
  });

  it('Should fail when no call succeeded, rather than report a latency of nothing', () => {
    const failed = {
      ...REPORT,
      latencyDistribution: null,
      statusCodeDistribution: { Unavailable: 9 },
    };
    expect(() => parseGhzReport(JSON.stringify(failed))).toThrow('ghz report has no p50 latency');
  });
});
