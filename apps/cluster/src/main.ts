import { resolve } from 'node:path';
import yargs from 'yargs';
import { runCli, UsageError } from '@grpc-greeter/cli-kit';
import { DEFAULT_HOST_PORT, defaultStateDir } from './cluster-config';
import { down, envLines, status, up } from './commands';
import { runInside } from './inside';
import { CannotStart } from './preflight';
import { StateDir } from './state';
import { supervise } from './supervisor';

const USAGE = `Usage: npm run cluster -- <up|down|status|env> [options]

A Kubernetes cluster on this machine, for the tutorial's own commands: etcd, kube-apiserver,
kube-controller-manager, kube-scheduler, kube-proxy and kubectl, built from the pinned Kubernetes
release, and a node that runs each pod's containers as local processes. Linux only; needs Go for
the first build.`;

async function main(): Promise<number> {
  let exitCode = 0;
  await yargs(process.argv.slice(2))
    .scriptName('cluster')
    .usage(USAGE)
    .option('state-dir', {
      type: 'string',
      default: defaultStateDir(),
      defaultDescription: '.cluster in the repository',
      describe: 'folder for the certificates, kubeconfig, logs and etcd data',
    })
    .command(
      'up',
      'build what is missing, start the cluster, wait for the node to be Ready',
      (y) =>
        y.options({
          port: {
            type: 'number',
            default: DEFAULT_HOST_PORT,
            describe: 'loopback port for the API server',
          },
          istio: {
            type: 'boolean',
            default: false,
            describe:
              "install Istio (its base and istiod charts, with helm) and run istiod: namespaces labelled istio-injection=enabled get the sidecar from istiod's webhook",
          },
        }),
      async (args) => up(stateOf(args), { port: checkedPort(args.port), istio: args.istio }),
    )
    .command(
      'down',
      'stop every process of the cluster',
      (y) => y,
      async (args) => down(stateOf(args)),
    )
    .command(
      'status',
      'whether a cluster is running, and its API server address',
      (y) => y,
      (args) => {
        exitCode = status(stateOf(args));
      },
    )
    .command(
      'env',
      'print the lines that point kubectl and helm at the cluster',
      (y) => y,
      (args) => {
        process.stdout.write(envLines(stateOf(args)).join('\n') + '\n');
      },
    )
    .command(
      '__supervise',
      false,
      (y) =>
        y.options({
          port: { type: 'number', demandOption: true },
          version: { type: 'string', demandOption: true },
          helm: { type: 'string' },
        }),
      (args) => supervise(stateOf(args), args.port, args.version, args.helm),
    )
    .command(
      '__inside',
      false,
      (y) =>
        y.options({
          version: { type: 'string', demandOption: true },
          helm: { type: 'string' },
        }),
      (args) => runInside(stateOf(args), args.version, args.helm),
    )
    .demandCommand(1, 'name a command: up, down, status or env')
    .strict()
    .version(false)
    .help()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error instanceof CannotStart) throw error;
      throw new UsageError(
        (message ?? error?.message ?? 'invalid command line').replace(/\s*\n\s*/g, ' '),
      );
    })
    .parseAsync();
  return exitCode;
}

function stateOf(args: { 'state-dir': string }): StateDir {
  return new StateDir(resolve(args['state-dir']));
}

function checkedPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a port number (1-65535), got ${port}`);
  }
  return port;
}

runCli('cluster', main, { usage: 2 });
