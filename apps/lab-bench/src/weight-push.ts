import { performance } from 'node:perf_hooks';
import {
  type AckEvent,
  startControlPlane,
  TYPE_URLS,
  type XdsControlPlane,
} from '@grpc-greeter/xds-control-plane';
import { LabCluster, translate, xdsTarget } from '@grpc-greeter/lab-engine';
import { allTo } from './all-to';
import { benchInput } from './bench-input';
import type { BenchContext } from './context';
import { figure, type Section } from './figures';
import { loadAverage } from './machine';
import { XdsCaller } from './xds-caller';

// The caller's pause between RPCs: the resolution of "first RPC after the push".
const CALL_INTERVAL_MS = 2;
const PUSH_TIMEOUT_MS = 10_000;

interface PushRun {
  to: string;
  /** Push (setSnapshot) to the first reply from the version that now has all the weight. */
  toFirstReplyMs: number;
  /** Push to the client's ACK of the new RouteConfiguration. */
  toAckMs: number;
  /** Replies still from the old version after the push (RPCs picked before the client switched). */
  staleReplies: number;
  failedRpcs: number;
}

/** Microsecond precision: finer digits are noise next to the 2 ms calling interval. */
function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** When the client ACKs this RouteConfiguration version (performance.now()). */
function routeAck(plane: XdsControlPlane, version: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onAck = (ack: AckEvent) => {
      if (ack.typeUrl !== TYPE_URLS.route || ack.version !== version) return;
      clearTimeout(timer);
      plane.events.off('ack', onAck);
      resolve(performance.now());
    };
    const timer = setTimeout(() => {
      plane.events.off('ack', onAck);
      reject(new Error(`no ACK of route version ${version} within ${PUSH_TIMEOUT_MS} ms`));
    }, PUSH_TIMEOUT_MS);
    plane.events.on('ack', onAck);
  });
}

/**
 * How fast a routing change reaches traffic: the lab's mesh for weighted-90-10 (a v1 and a v2 pod),
 * a proxyless client in this process calling every few ms, and pushes that move all the weight to
 * the other version, alternately (v1 -> v2, v2 -> v1, ...), so each push has an unambiguous
 * "first reply it routes".
 */
export async function measureWeightPush(ctx: BenchContext): Promise<Section> {
  const loadAtStart = loadAverage()[0];
  const { world } = await benchInput('weighted-90-10');
  const cluster = new LabCluster(ctx.registry);
  await cluster.apply(world);
  const pods = cluster.pods;
  const [first, second] = world.routes[0].backends.map((b) => b.subset ?? '');
  let current = first;
  const target = xdsTarget(world);
  const configFor = (subset: string) =>
    translate(allTo(world, subset), pods, target.slice('xds:///'.length), false).config;
  const plane = await startControlPlane({ config: configFor(current) });
  const caller = new XdsCaller(target, plane.bootstrap(), CALL_INTERVAL_MS);
  const raw: PushRun[] = [];
  try {
    caller.start();
    await caller.nextReply((reply) => reply.version === current, PUSH_TIMEOUT_MS);
    for (let run = 1; run <= ctx.runs; run++) {
      const next = current === first ? second : first;
      let staleReplies = 0;
      const failuresBefore = caller.failures;
      const firstReply = caller.nextReply((reply) => {
        if (reply.version === next) return true;
        staleReplies += 1;
        return false;
      }, PUSH_TIMEOUT_MS);

      const pushedAt = performance.now();
      const snapshot = plane.setSnapshot(configFor(next));
      const acked = routeAck(plane, snapshot[TYPE_URLS.route].version);
      const [reply, ackAt] = await Promise.all([firstReply, acked]);

      raw.push({
        to: next,
        toFirstReplyMs: roundMs(reply.at - pushedAt),
        toAckMs: roundMs(ackAt - pushedAt),
        staleReplies,
        failedRpcs: caller.failures - failuresBefore,
      });
      ctx.progress(
        `weight push run ${run}/${ctx.runs}: all to ${next}, first ${next} reply after ` +
          `${(reply.at - pushedAt).toFixed(1)} ms (${staleReplies} from the old version)`,
      );
      current = next;
    }
  } finally {
    await caller.stop();
    await plane.close();
    await cluster.discard();
  }
  if (caller.failures > 0) ctx.progress(`  warning: ${caller.failures} failed RPCs during pushes`);
  return {
    id: 'weight-push',
    title: `lab: weight push to traffic (in-process xDS client, one call every ${CALL_INTERVAL_MS} ms)`,
    method:
      "setSnapshot on the lab's control plane moving all the weight to the other version; time " +
      'from the push to the first reply from that version, and to the ACK of the new route',
    figures: [
      figure(
        'to-first-reply',
        'weight push to first reply it routes',
        'ms',
        raw.map((r) => r.toFirstReplyMs),
      ),
      figure(
        'to-ack',
        'weight push to client ACK',
        'ms',
        raw.map((r) => r.toAckMs),
      ),
    ],
    raw,
    loadAverage: loadAtStart,
  };
}
