import { formatGoDuration } from '@grpc-greeter/cli-kit';
import { builtApp } from '@grpc-greeter/greeter-process';
import type { BenchContext } from './context';
import { figure, type Figure, type Section } from './figures';
import { ghzArgs, runGhz, type GhzLoad, type GhzResult } from './ghz';
import { checkIdentityHeaders, prepareGrpcGoPeer, type GrpcGoPeer } from './grpc-go-peer';
import { loadAverage } from './machine';
import { startPinnedServer, type PinnedServer } from './pinned-server';
import { ratio } from './stats';

// Issue 12's load: 50 ghz workers sharing one connection, as the calls of one busy client channel.
const CONCURRENCY = 50;
// 5 s per server per round (or --duration if longer): at 1 s, p99 rests on a few hundred calls.
const MIN_LOAD_MS = 5_000;
// One unmeasured run per server first, so V8's JIT has compiled the hot path before round 1.
const WARM_UP_MS = 2_000;

type ReadyPeer = Exclude<GrpcGoPeer, { skip: string }>;
type Launch = (peer: ReadyPeer, identity: string[]) => [command: string, args: string[]];

const onNode =
  (main: () => string, ...args: string[]): Launch =>
  (_, identity) => [process.execPath, [main(), ...identity, ...args]];

// greeter-server with its access log off (the default) and on, grpc-go's greeter, and the ceiling
// for any server on Node: Node's http2 answering SayHello with no gRPC library at all.
const SERVERS: ReadonlyArray<{ id: ServerId; label: string; launch: Launch }> = [
  {
    id: 'node',
    label: 'greeter-server',
    launch: onNode(() => builtApp('greeter-server'), '--drain-seconds=0'),
  },
  {
    id: 'node-log',
    label: 'greeter-server --access-log',
    launch: onNode(() => builtApp('greeter-server'), '--drain-seconds=0', '--access-log'),
  },
  {
    id: 'http2',
    label: 'Node http2, no grpc-js',
    launch: onNode(() => builtApp('lab-bench', 'http2-ceiling-server.js')),
  },
  { id: 'go', label: 'grpc-go', launch: (peer, identity) => [peer.binary, identity] },
];
type ServerId = 'node' | 'node-log' | 'http2' | 'go';
type Round = Record<ServerId, GhzResult> & { order: ServerId[] };

function rotated<T>(items: readonly T[], by: number): T[] {
  return items.map((_, i) => items[(i + by) % items.length]);
}

function skipped(ctx: BenchContext, reason: string, loadAtStart: number): Section {
  ctx.progress(`greeter-server vs grpc-go: skipped, ${reason}`);
  return {
    id: 'vs-grpc-go',
    title: `greeter-server vs grpc-go: skipped, ${reason}`,
    method: 'skipped',
    figures: [],
    raw: [],
    loadAverage: loadAtStart,
  };
}

function figuresOf(rounds: Round[]): Figure[] {
  const series = (id: ServerId, pick: (r: GhzResult) => number) => rounds.map((r) => pick(r[id]));
  const perServer = SERVERS.flatMap(({ id, label }) => [
    figure(
      `${id}.rps`,
      `${label}: throughput`,
      'rps',
      series(id, (r) => r.rps),
    ),
    figure(
      `${id}.p50`,
      `${label}: p50 latency`,
      'ms',
      series(id, (r) => r.p50Ms),
    ),
    figure(
      `${id}.p99`,
      `${label}: p99 latency`,
      'ms',
      series(id, (r) => r.p99Ms),
    ),
  ]);
  const within = (pick: (r: Round) => number) => rounds.map(pick);
  return [
    ...perServer,
    figure(
      'node/go.rps',
      'greeter-server / grpc-go: throughput',
      '×',
      within((r) => ratio(r.node.rps, r.go.rps)),
    ),
    figure(
      'node/go.p99',
      'greeter-server / grpc-go: p99 latency',
      '×',
      within((r) => ratio(r.node.p99Ms, r.go.p99Ms)),
    ),
    figure(
      'http2/go.rps',
      'Node http2 ceiling / grpc-go: throughput',
      '×',
      within((r) => ratio(r.http2.rps, r.go.rps)),
    ),
    figure(
      'http2/go.p99',
      'Node http2 ceiling / grpc-go: p99 latency',
      '×',
      within((r) => ratio(r.http2.p99Ms, r.go.p99Ms)),
    ),
    figure(
      'node/http2.rps',
      'greeter-server / Node http2 ceiling: throughput',
      '×',
      within((r) => ratio(r.node.rps, r.http2.rps)),
    ),
    figure(
      'log/node.rps',
      'access log on / off: throughput',
      '×',
      within((r) => ratio(r['node-log'].rps, r.node.rps)),
    ),
  ];
}

/**
 * greeter-server against grpc-go's helloworld server (apps/grpc-go-greeter, the same headers) under
 * the same ghz load, each server pinned to the same single CPU and ghz to another; the server with
 * its access log on and the Node http2 ceiling (http2-ceiling-server.ts) are contestants too.
 * Servers take turns in a rotating order each round; ratios are taken within a round.
 */
export async function measureAgainstGrpcGo(ctx: BenchContext): Promise<Section> {
  const loadAtStart = loadAverage()[0];
  const peer = await prepareGrpcGoPeer(ctx.progress);
  if ('skip' in peer) return skipped(ctx, peer.skip, loadAtStart);

  const load: GhzLoad = {
    ghz: peer.ghz,
    cpu: peer.ghzCpu,
    protoFile: peer.protoFile,
    concurrency: CONCURRENCY,
    durationMs: Math.max(ctx.durationMs, MIN_LOAD_MS),
  };
  const servers = {} as Record<ServerId, PinnedServer>;
  for (const { id, label, launch } of SERVERS) {
    const identity = [`--address=127.0.0.1:0`, `--hostname=bench-${id}`, '--service-version=v1'];
    const [command, args] = launch(peer, identity);
    servers[id] = await startPinnedServer(ctx.registry, {
      name: label,
      cpu: peer.serverCpu,
      command,
      args,
    });
    await checkIdentityHeaders(servers[id].address, { hostname: `bench-${id}`, version: 'v1' });
    await runGhz({ ...load, durationMs: WARM_UP_MS }, servers[id].address);
  }

  const rounds: Round[] = [];
  for (let run = 1; run <= ctx.runs; run++) {
    const order = rotated(
      SERVERS.map((s) => s.id),
      run - 1,
    );
    const round = { order } as Round;
    for (const id of order) {
      const result = await runGhz(load, servers[id].address);
      round[id] = result;
      ctx.progress(
        `vs grpc-go round ${run}/${ctx.runs}, ${servers[id].name}: ${Math.round(result.rps)} rps, ` +
          `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`,
      );
      if (Object.keys(result.errors).length > 0) {
        ctx.progress(
          `  warning: non-OK calls to ${servers[id].name}: ${JSON.stringify(result.errors)}`,
        );
      }
    }
    rounds.push(round);
  }
  await Promise.all(Object.values(servers).map((s) => s.stop()));

  return {
    id: 'vs-grpc-go',
    title:
      `greeter-server vs grpc-go: ghz, ${CONCURRENCY} workers on 1 connection, ` +
      `${formatGoDuration(load.durationMs)} per server per round, each server on CPU ` +
      `${peer.serverCpu}, ghz on CPU ${peer.ghzCpu}`,
    method: `taskset -c ${peer.serverCpu} <server>; taskset -c ${peer.ghzCpu} ghz ${ghzArgs(load, '<address>').join(' ')}`,
    figures: figuresOf(rounds),
    raw: rounds,
    loadAverage: loadAtStart,
  };
}
