import {
  goFlagParser,
  parseDurationFlag,
  parseInteger,
  requireNonEmpty,
} from '@grpc-greeter/cli-kit';

export interface BenchConfig {
  out: string;
  runs: number;
  /** Length of each load measurement (one greeter-client --duration). */
  durationMs: number;
  /** Measure only this section (its id); undefined: every section. */
  only?: SectionId;
}

/** The bench's sections, in the order they run: the ids of the report and of --only. */
export const SECTION_IDS = [
  'throughput',
  'overhead',
  'vs-grpc-go',
  'weight-push',
  'plane-push',
  'cluster-push',
  'split-error',
  'lab-table',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

// Five runs of one second keep `npm run bench` under three minutes on a 2-core machine; the lab's
// own scenario table (about 12 s a run) is the largest share.
const DEFAULT_RUNS = '5';
const DEFAULT_DURATION = '1s';

const USAGE = `Usage: bench [--out PATH] [--runs N] [--duration D] [--only SECTION]

Measures, on this machine and on loopback only, with the real greeter-server and greeter-client:
- client+server throughput: rps and p50/p99 latency at concurrency 1, 16 and 64 (client load mode);
- greeter-server vs grpc-go under the same ghz load, one CPU each (needs Go; skipped without);
- per-RPC overhead: direct vs the lab's xDS path vs the lab's L4 ClusterIP, as ratios to direct;
- lab: start to the scenario table; weight push to the first reply it routes; the same for a
  VirtualService edit through the builtin plane and through Istio's (needs Go, see
  --control-plane=istio); the same edit by kubectl apply on the local cluster through the real
  istiod (needs its Go build and helm; skipped without); split error of a 90/10 route over 2,000 RPCs.
Each figure is the median of --runs runs with min and max. Prints a table; writes every run as JSON.

Examples:
  npm run bench -- --out /tmp/bench.json --runs 7 --duration 2s
  npm run bench -- --only lab-table     the lab's table alone: header, first rows, last row, CPU`;

/** Returns undefined when --help was printed. */
export function parseBenchFlags(argv: string[]): BenchConfig | undefined {
  const args = goFlagParser(argv, 'bench')
    .usage(USAGE)
    .options({
      out: {
        type: 'string',
        default: 'bench-results/bench.json',
        describe: 'where to write the JSON results',
      },
      runs: { type: 'string', default: DEFAULT_RUNS, describe: 'runs per figure (at least 5)' },
      duration: {
        type: 'string',
        default: DEFAULT_DURATION,
        describe: 'length of each load measurement (Go duration)',
      },
      only: {
        type: 'string',
        choices: SECTION_IDS,
        describe: 'measure only this section',
      },
    })
    .parseSync();
  if (args.help) return undefined;
  return {
    out: requireNonEmpty('out', args.out),
    runs: parseInteger('runs', args.runs, { min: 5 }),
    durationMs: parseDurationFlag('duration', args.duration, { min: 1 }),
    only: args.only as SectionId | undefined,
  };
}
