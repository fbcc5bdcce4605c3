import { tableTimer } from './table-timings';

describe('tableTimer', () => {
  it('times the header and each row of the streamed table, and nothing under it', () => {
    const timer = tableTimer();
    const lines: Array<[string, number]> = [
      ['', 5],
      ['scenario    path             calls', 10],
      ['----------  ---------------  -----', 10],
      ['no-sidecar  kube-proxy (L4)    200', 900],
      ['proxyless   mesh (xDS, L7)     200', 1500],
      ['', 2000],
      ['ignored (not modelled): Deployment/istio-grpc-client', 2000],
      ['2 scenario(s) in 2.0s on this machine.', 2001],
    ];
    for (const [text, at] of lines) timer.line(text, at);
    expect(timer.timings).toEqual({ headerMs: 10, rowsMs: [900, 1500] });
  });

  it('has no header time when the lab printed no table', () => {
    const timer = tableTimer();
    timer.line('lab: no such scenario', 3);
    expect(timer.timings.headerMs).toBeNaN();
    expect(timer.timings.rowsMs).toEqual([]);
  });
});
