import {
  goFlagParser,
  parseDurationFlag,
  parseInteger,
  rejectInvalidBooleans,
  UsageError,
} from '@grpc-greeter/cli-kit';

export interface LabConfig {
  /** Scenario names or paths; empty = every file in the chart's scenarios/. */
  scenarios: string[];
  repeat?: number;
  lines: boolean;
  json: boolean;
  watch: boolean;
  watchIntervalMs: number;
  parallel: number;
  /** Seeds the ClusterIP simulation's pod picks, to replay a run; undefined = unseeded. */
  seed?: string;
}

const USAGE = `Usage: lab [--scenario NAME|PATH]... [flags]

Runs the chart's scenarios (charts/grpc-greeter/scenarios/*.yaml, merged over values.yaml) on this
machine with real greeter-server and greeter-client processes, and prints who answered:
  kube-proxy (L4)     no mesh: a TCP balancer picks one pod per connection, as a ClusterIP does
  client round_robin  headless Service: the client balances calls over every pod address
  mesh (xDS, L7)      sidecar/proxyless: a local xDS control plane (istiod's role) routes each call

Examples:
  npm start                                              every scenario, one table
  npm start -- --scenario weighted-90-10 --repeat 100    the tutorial's lines for one scenario
  npm start -- --scenario weighted-90-10 --watch         edit the weights in the file, watch the split move`;

/** Returns undefined when --help was printed. */
export function parseLabFlags(argv: string[]): LabConfig | undefined {
  const args = goFlagParser(rejectInvalidBooleans(argv, ['lines', 'json', 'watch']), 'lab')
    .usage(USAGE)
    .options({
      scenario: {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'scenario file name (from scenarios/) or path to a values file; repeatable',
      },
      repeat: { type: 'string', describe: "calls per scenario (default: the file's test.repeat)" },
      lines: {
        type: 'boolean',
        describe: "print the client's tutorial lines (default: on with one --scenario)",
      },
      json: { type: 'boolean', default: false, describe: 'print the results as JSON' },
      watch: {
        type: 'boolean',
        default: false,
        describe: 'keep calling; re-read the scenario file on change and push it through xDS',
      },
      interval: { type: 'string', default: '100ms', describe: 'pause between calls in --watch' },
      seed: {
        type: 'string',
        describe: "seed for the simulated kube-proxy's random pod pick (replay a run)",
      },
      parallel: { type: 'string', default: '3', describe: 'scenarios run at the same time' },
    })
    .parseSync();
  if (args.help) return undefined;

  const scenarios = args.scenario.flatMap((s) => String(s).split(',')).filter(Boolean);
  if (args.watch && scenarios.length !== 1)
    throw new UsageError('--watch needs exactly one --scenario');
  return {
    scenarios,
    repeat: args.repeat === undefined ? undefined : parseInteger('repeat', args.repeat, { min: 1 }),
    lines: args.lines ?? (scenarios.length === 1 && !args.json),
    json: args.json,
    watch: args.watch,
    watchIntervalMs: parseDurationFlag('interval', args.interval, { min: 1 }),
    parallel: parseInteger('parallel', args.parallel, { min: 1 }),
    seed: args.seed,
  };
}
