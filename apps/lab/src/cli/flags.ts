import {
  goFlagParser,
  parseDurationFlag,
  parseInteger,
  rejectInvalidBooleans,
  UsageError,
} from '@grpc-greeter/cli-kit';
import { type ControlPlaneKind, DEFAULT_PARALLEL, type InputSpec } from '@grpc-greeter/lab-engine';

export interface LabConfig {
  /** Empty = every file in the chart's scenarios/. */
  inputs: InputSpec[];
  repeat?: number;
  lines: boolean;
  json: boolean;
  watch: boolean;
  watchIntervalMs: number;
  parallel: number;
  /** Seeds the ClusterIP simulation's pod picks, to replay a run; undefined = unseeded. */
  seed?: string;
  controlPlane: ControlPlaneKind;
  /** Serve the live view on 127.0.0.1 (implies --watch); the port, 0 = a free one. */
  ui?: { port: number };
}

// What the live view shows when no --scenario names one: the tutorial's weighted step.
const UI_DEFAULT_SCENARIO = 'weighted-90-10';

const USAGE = `Usage: lab [--scenario NAME|VALUES-FILE]... [--manifests FILE[,FILE]...|-] [-n NAMESPACE] [flags]

Runs rendered Kubernetes and Istio objects on this machine with real greeter-server and
greeter-client processes, and prints who answered. A scenario is rendered with the chart
(helm template, as its file's install command says; without helm, the committed render in
charts/grpc-greeter/rendered/); --manifests runs any multi-document YAML, - for stdin.
What sits between client and pods comes from the objects:
  kube-proxy (L4)     a ClusterIP: one pod per TCP connection
  ztunnel (L4)        ambient without a waypoint: one pod per connection too
  client-side (DNS)   a headless Service: the client's --lb balances over every pod address
  mesh (xDS, L7)      sidecar, proxyless or waypoint: a local xDS control plane (istiod's role)

Examples:
  npm start                                              every scenario, one table
  npm start -- --scenario weighted-90-10 --repeat 100    the tutorial's lines for one scenario
  helm template t charts/grpc-greeter -f my-values.yaml | npm start --silent -- --manifests -
  npm start --silent -- -n grpc-sidecar --manifests ns.yaml,server.yaml,client.yaml   as kubectl apply -n
  npm start -- --scenario weighted-90-10 --watch         edit the weights, watch the split move
  npm start -- --control-plane=istio                     the mesh rows through Istio's own pilot
  npm start -- --ui                                      the live view in the browser`;

// yargs reads a lone `-` as a positional argument; `--manifests -` means stdin, as in kubectl.
function joinStdinValue(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    if (/^--?manifests$/.test(argv[i]) && argv[i + 1] === '-') out.push(`${argv[i++]}=-`);
    else out.push(argv[i]);
  }
  return out;
}

// The shared parser keeps Go's "last one wins" for repeated flags; these two really are lists.
function repeated(argv: readonly string[], name: string): string[] {
  const values: string[] = [];
  argv.forEach((arg, i) => {
    const match = new RegExp(`^--?${name}(?:=(.*))?$`).exec(arg);
    if (match) values.push(match[1] ?? argv[i + 1] ?? '');
  });
  return values;
}

/** Returns undefined when --help was printed. */
export function parseLabFlags(argv: string[]): LabConfig | undefined {
  const args = goFlagParser(
    rejectInvalidBooleans(joinStdinValue(argv), ['lines', 'json', 'watch', 'ui']),
    'lab',
  )
    .usage(USAGE)
    .options({
      scenario: {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'scenario name (from scenarios/) or path to a values file; repeatable',
      },
      manifests: {
        type: 'string',
        array: true,
        default: [] as string[],
        describe:
          'a file of rendered objects (helm template output, kubectl YAML), files separated by commas, - for stdin',
      },
      namespace: {
        alias: 'n',
        type: 'string',
        describe:
          'for --manifests, as kubectl apply -n: objects that name no namespace are created there',
      },
      repeat: {
        type: 'string',
        describe: "calls per scenario (default: the helm test pod's --repeat)",
      },
      lines: {
        type: 'boolean',
        describe: "print the client's tutorial lines (default: on with one input)",
      },
      json: { type: 'boolean', default: false, describe: 'print the results as JSON' },
      watch: {
        type: 'boolean',
        default: false,
        describe: 'keep calling; re-read the input on change and apply it (routing and endpoints)',
      },
      interval: { type: 'string', default: '100ms', describe: 'pause between calls in --watch' },
      seed: {
        type: 'string',
        describe: "seed for the simulated kube-proxy's random pod pick (replay a run)",
      },
      parallel: {
        type: 'string',
        default: String(DEFAULT_PARALLEL),
        describe: 'scenarios run at the same time',
      },
      ui: {
        type: 'boolean',
        default: false,
        describe: `watch one scenario and show it live in the browser (default --scenario ${UI_DEFAULT_SCENARIO})`,
      },
      'ui-port': {
        type: 'string',
        default: '0',
        describe: 'port of the live view on 127.0.0.1 (0 = free)',
      },
      'control-plane': {
        type: 'string',
        choices: ['builtin', 'istio'],
        default: 'builtin',
        describe:
          "who plays istiod on the mesh path: the lab's own, or Istio's (built with Go on first use)",
      },
    })
    .parseSync();
  if (args.help) return undefined;

  const inputs: InputSpec[] = [
    ...repeated(argv, 'scenario')
      .flatMap((s) => s.split(','))
      .filter(Boolean)
      .map((value) => ({ kind: 'scenario' as const, value })),
    ...repeated(argv, 'manifests').map((value) => ({
      kind: 'manifests' as const,
      value,
      namespace: args.namespace,
    })),
  ];
  if (args.namespace !== undefined && !inputs.some((input) => input.kind === 'manifests'))
    throw new UsageError('-n/--namespace applies to --manifests (a scenario file names its own)');
  if (args.ui && inputs.length === 0) inputs.push({ kind: 'scenario', value: UI_DEFAULT_SCENARIO });
  const watch = args.watch || args.ui;
  if (inputs.filter((i) => i.value === '-').length > 1)
    throw new UsageError('stdin (-) can be read once');
  if (watch && inputs.length !== 1)
    throw new UsageError('--watch and --ui need exactly one --scenario or --manifests');
  if (watch && inputs[0].value === '-')
    throw new UsageError('--watch needs a file to watch, not stdin');
  if (watch && inputs[0].kind === 'manifests' && inputs[0].value.includes(','))
    throw new UsageError('--watch watches one file, not a list');
  return {
    inputs,
    repeat: args.repeat === undefined ? undefined : parseInteger('repeat', args.repeat, { min: 1 }),
    lines: args.lines ?? (inputs.length === 1 && !args.json),
    json: args.json,
    watch,
    watchIntervalMs: parseDurationFlag('interval', args.interval, { min: 1 }),
    parallel: parseInteger('parallel', args.parallel, { min: 1 }),
    seed: args.seed,
    controlPlane: args['control-plane'] as ControlPlaneKind,
    ui: args.ui ? { port: parseInteger('ui-port', args['ui-port'], { min: 0 }) } : undefined,
  };
}
