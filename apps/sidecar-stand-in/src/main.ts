import { runCli, UsageError } from '@grpc-greeter/cli-kit';
import { readAgentEnv } from './agent-env';
import { requestCommand, waitCommand } from './hook-commands';
import { istioIptables } from './istio-iptables';
import { parseProxyFlags } from './proxy-flags';
import { startSidecar } from './sidecar';

const USAGE = `Usage: pilot-agent <command> [flags]

The local cluster's stand-in for Istio's proxyv2 image (pilot-agent + Envoy); Envoy itself does not
run here. Commands, as Istio's injection calls them:
  istio-iptables   the istio-init container: accepts Istio's flags, writes no rules, prints one line
  proxy sidecar    the istio-proxy container: outbound gRPC through istiod's xDS, health, probes
  wait             the postStart hook: waits until the proxy is ready
  request          the preStop hook: an HTTP request to the status port (POST drain)
Run pilot-agent <command> --help for its flags.`;

async function runProxy(argv: string[]): Promise<number> {
  const flags = parseProxyFlags(argv);
  if (!flags) return 0;
  const sidecar = await startSidecar(flags, readAgentEnv(process.env));
  process.once('SIGTERM', sidecar.stop);
  process.once('SIGINT', sidecar.stop);
  process.stdout.write(`${JSON.stringify({ event: 'started', ...sidecar.started })}\n`);
  await sidecar.stopped;
  process.stdout.write(`${JSON.stringify({ event: 'stopped' })}\n`);
  return 0;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'istio-iptables': {
      const line = istioIptables(rest);
      if (line) process.stdout.write(`${line}\n`);
      return 0;
    }
    case 'proxy':
      return runProxy(rest);
    case 'wait':
      return waitCommand(rest);
    case 'request':
      return requestCommand(rest);
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case undefined:
      throw new UsageError('missing command: istio-iptables, proxy, wait or request');
    default:
      throw new UsageError(`unknown command "${command}": istio-iptables, proxy, wait or request`);
  }
}

// Exits when main is done: grpc-js-xds keeps its ADS stream and timers alive after its channels close.
runCli('pilot-agent', main, { usage: 1, exitWhenDone: true });
