import { formatGoDuration } from '@grpc-greeter/cli-kit';
import type { ClientResult, GreeterServerProcess } from '@grpc-greeter/greeter-process';
import { startControlPlane } from '@grpc-greeter/xds-control-plane';
import { KubeProxyClusterIp } from '@grpc-greeter/lab-engine';
import type { BenchContext } from './context';
import { figure, type Section } from './figures';
import { runLoad } from './load';
import { loadAverage } from './machine';
import { ratio } from './stats';

type Path = 'direct' | 'xds' | 'l4';

const PATHS: readonly Path[] = ['direct', 'xds', 'l4'];

const RATIOS = [
  ['xds', 'p50'],
  ['l4', 'p50'],
  ['xds', 'p90'],
  ['l4', 'p90'],
] as const;

const PATH_LABEL: Record<Path, string> = {
  direct: 'direct',
  xds: "lab's xDS path",
  l4: 'lab L4 ClusterIP',
};

/** Rotates the order each run, so a slow patch of the machine does not always hit the same path. */
function pathsForRun(run: number): Path[] {
  return PATHS.map((_, i) => PATHS[(i + run) % PATHS.length]);
}

/**
 * What one RPC costs through each of the lab's paths to the same single server, at concurrency 1:
 * straight to its port; `xds:///` through the lab's control plane (what proxyless Istio does); and
 * through the lab's ClusterIP simulation (one more TCP hop in this process). Ratios are taken
 * within a run, where all three were measured back to back.
 */
export async function measureOverhead(
  ctx: BenchContext,
  server: GreeterServerProcess,
): Promise<Section> {
  const loadAtStart = loadAverage()[0];
  // One listener, one route, one cluster holding the one server: xDS itself is what is measured.
  const name = 'bench-server';
  const plane = await startControlPlane({
    config: {
      listenerName: name,
      routeName: name,
      domains: [name],
      clusters: [{ name, endpoints: [{ host: '127.0.0.1', port: server.port }] }],
      route: { cluster: name },
    },
  });
  const clusterIp = new KubeProxyClusterIp([{ host: '127.0.0.1', port: server.port }]);
  const clusterIpPort = await clusterIp.listen();
  const targets: Record<Path, { target: string; env?: NodeJS.ProcessEnv }> = {
    direct: { target: server.address },
    xds: { target: `xds:///${name}`, env: { GRPC_XDS_BOOTSTRAP_CONFIG: plane.bootstrap() } },
    l4: { target: `127.0.0.1:${clusterIpPort}` },
  };
  const raw: Array<Record<Path, ClientResult>> = [];
  try {
    for (let run = 1; run <= ctx.runs; run++) {
      const byPath = {} as Record<Path, ClientResult>;
      for (const path of pathsForRun(run)) {
        byPath[path] = await runLoad(ctx, targets[path].target, {
          concurrency: 1,
          env: targets[path].env,
        });
      }
      raw.push(byPath);
      ctx.progress(
        `overhead run ${run}/${ctx.runs}: p50 ` +
          PATHS.map((p) => `${p} ${byPath[p].latencyMs.p50} ms`).join(', '),
      );
    }
  } finally {
    await clusterIp.close();
    await plane.close();
  }
  const p50 = (path: Path) => raw.map((r) => r[path].latencyMs.p50);
  // Latency percentiles, not 1/rps: rps also counts the first call's setup (for xds:/// the ADS
  // round trips), which is a start-up cost, not a per-RPC one.
  const ratios = RATIOS.map(([path, percentile]) =>
    figure(
      `${path}.${percentile}-ratio`,
      `${path === 'xds' ? 'xDS' : 'L4'} / direct: ${percentile} latency`,
      '×',
      raw.map((r) => ratio(r[path].latencyMs[percentile], r.direct.latencyMs[percentile])),
    ),
  );
  return {
    id: 'overhead',
    title: `per-RPC overhead at concurrency 1, ${formatGoDuration(ctx.durationMs)} per path per run`,
    method:
      'greeter-client load mode (concurrency 1) to one greeter-server: direct, via xds:/// ' +
      "(the lab's control plane, GRPC_XDS_BOOTSTRAP_CONFIG) and via the lab's KubeProxyClusterIp; " +
      'ratios to direct are computed within each run, then summarised',
    figures: [
      ...PATHS.map((p) => figure(`${p}.p50`, `${PATH_LABEL[p]}: p50 latency`, 'ms', p50(p))),
      ...ratios,
    ],
    raw,
    loadAverage: loadAtStart,
  };
}
