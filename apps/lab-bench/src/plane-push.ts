import { performance } from 'node:perf_hooks';
import type { LabWorld } from '@grpc-greeter/manifests';
import {
  distinctLoopbacks,
  LabCluster,
  type MeshPlane,
  type Pod,
  startBuiltinPlane,
  startIstioPlane,
} from '@grpc-greeter/lab-engine';
import { allTo } from './all-to';
import { benchInput } from './bench-input';
import type { BenchContext } from './context';
import { figure, type Section } from './figures';
import { loadAverage } from './machine';
import { XdsCaller } from './xds-caller';

// The caller's pause between RPCs: the resolution of "first reply after the apply".
const CALL_INTERVAL_MS = 2;
const PUSH_TIMEOUT_MS = 10_000;

interface PlanePushRun {
  plane: 'builtin' | 'istio';
  to: string;
  /** The edit handed to the plane (Istio: through its config store) to the first reply it routes. */
  toFirstReplyMs: number;
  failedRpcs: number;
}

async function measurePlane(
  name: PlanePushRun['plane'],
  start: (world: LabWorld) => Promise<MeshPlane>,
  world: LabWorld,
  pods: readonly Pod[],
  ctx: BenchContext,
): Promise<PlanePushRun[]> {
  const [first, second] = world.routes[0].backends.map((b) => b.subset ?? '');
  let current = first;
  const plane = await start(allTo(world, current));
  const bootstrap = plane.clientEnv['GRPC_XDS_BOOTSTRAP_CONFIG'] ?? '';
  const caller = new XdsCaller(plane.target, bootstrap, CALL_INTERVAL_MS);
  const runs: PlanePushRun[] = [];
  try {
    caller.start();
    await caller.nextReply((reply) => reply.version === current, PUSH_TIMEOUT_MS);
    for (let run = 1; run <= ctx.runs; run++) {
      const next = current === first ? second : first;
      const failuresBefore = caller.failures;
      const firstReply = caller.nextReply((reply) => reply.version === next, PUSH_TIMEOUT_MS);
      const appliedAt = performance.now();
      const [reply] = await Promise.all([firstReply, plane.update(allTo(world, next), pods)]);
      const ms = Math.round((reply.at - appliedAt) * 10) / 10;
      runs.push({
        plane: name,
        to: next,
        toFirstReplyMs: ms,
        failedRpcs: caller.failures - failuresBefore,
      });
      ctx.progress(
        `${name} plane push run ${run}/${ctx.runs}: all to ${next}, first reply after ${ms} ms`,
      );
      current = next;
    }
  } finally {
    await caller.stop();
    await plane.close();
  }
  return runs;
}

/**
 * Istio's push-to-traffic time next to the builtin plane's, in one run on the same pods: the
 * weighted-90-10 VirtualService edited to send everything to the other version, alternately, while
 * a proxyless client in this process calls every few ms. Istio debounces pushes (istiod's 100 ms
 * PILOT_DEBOUNCE_AFTER); the builtin plane pushes at once.
 */
export async function measurePlanePush(ctx: BenchContext): Promise<Section> {
  const loadAtStart = loadAverage()[0];
  const { world } = await benchInput('weighted-90-10');
  // Distinct loopback IPs: Istio merges a Service's endpoints that share one.
  const cluster = new LabCluster(ctx.registry, distinctLoopbacks());
  await cluster.apply(world);
  const pods = cluster.pods;
  let raw: PlanePushRun[];
  try {
    raw = [
      ...(await measurePlane('builtin', (w) => startBuiltinPlane(w, pods), world, pods, ctx)),
      ...(await measurePlane(
        'istio',
        (w) => startIstioPlane(w, pods, ctx.progress),
        world,
        pods,
        ctx,
      )),
    ];
  } finally {
    await cluster.discard();
  }
  const of = (plane: PlanePushRun['plane']) =>
    raw.filter((r) => r.plane === plane).map((r) => r.toFirstReplyMs);
  const failed = raw.reduce((sum, r) => sum + r.failedRpcs, 0);
  if (failed > 0) ctx.progress(`  warning: ${failed} failed RPCs during plane pushes`);
  return {
    id: 'plane-push',
    title: `lab: VirtualService edit to traffic, builtin plane vs Istio's (one call every ${CALL_INTERVAL_MS} ms)`,
    method:
      'MeshPlane.update with the weighted-90-10 VirtualService sending everything to the other ' +
      "version (Istio: apps/istio-pilot's config store, istiod's debounce); time from the update " +
      'to the first reply from that version',
    figures: [
      figure(
        'builtin-to-first-reply',
        'builtin plane: edit to first reply it routes',
        'ms',
        of('builtin'),
      ),
      figure(
        'istio-to-first-reply',
        "Istio's plane: edit to first reply it routes",
        'ms',
        of('istio'),
      ),
    ],
    raw,
    loadAverage: loadAtStart,
  };
}
