import { goFlagParser, parseInteger, rejectInvalidBooleans } from '@grpc-greeter/cli-kit';

// Every flag Istio's istio-iptables defines (tools/istio-iptables/pkg/cmd/root.go), with its short
// name where it has one, plus the log flags the injection template passes: the injected command
// line is accepted as a whole, and a flag Istio does not know is still an error.
const VALUE_FLAGS: Record<string, string | undefined> = {
  'envoy-port': 'p',
  'inbound-capture-port': 'z',
  'inbound-tunnel-port': 'e',
  'proxy-uid': 'u',
  'proxy-gid': 'g',
  'istio-inbound-interception-mode': 'm',
  'istio-inbound-ports': 'b',
  'istio-local-exclude-ports': 'd',
  'istio-exclude-interfaces': 'c',
  'istio-service-cidr': 'i',
  'istio-service-exclude-cidr': 'x',
  'istio-outbound-ports': 'q',
  'istio-local-outbound-ports-exclude': 'o',
  'kube-virt-interfaces': 'k',
  'istio-inbound-tproxy-mark': 't',
  'istio-inbound-tproxy-route-table': 'r',
  'iptables-probe-port': undefined,
  'probe-timeout': undefined,
  'network-namespace': undefined,
  'force-iptables-binary': undefined,
  log_output_level: undefined,
  log_stacktrace_level: undefined,
  log_target: undefined,
};
const BOOLEAN_FLAGS: Record<string, string | undefined> = {
  'dry-run': 'n',
  'skip-rule-apply': undefined,
  'run-validation': undefined,
  'redirect-dns': undefined,
  'drop-invalid': undefined,
  'dual-stack': undefined,
  'capture-all-dns': undefined,
  'cni-mode': undefined,
  reconcile: undefined,
  'cleanup-only': undefined,
  'force-apply': undefined,
  'native-nftables': undefined,
  log_as_json: undefined,
  log_caller: undefined,
};

// Istio's defaults for the two ports this command names (constants.go, the injection template).
const DEFAULT_OUTBOUND_PORT = '15001';
const DEFAULT_INBOUND_PORT = '15006';

const USAGE = `Usage: pilot-agent istio-iptables [istio-iptables flags]

Accepts the istio-init container's command line as Istio's injection writes it and changes nothing:
on the local cluster the node captures outbound gRPC differently, by giving the pod's other
containers grpc_proxy=http://127.0.0.1:<-p port> (honoured by grpc-js and grpc-go through HTTP
CONNECT), so no iptables rule is written. Prints one line naming the ports and exits 0.`;

function options(flags: Record<string, string | undefined>, type: 'string' | 'boolean') {
  return Object.fromEntries(
    Object.entries(flags).map(([name, short]) => [
      name,
      { type, ...(short ? { alias: short } : {}) },
    ]),
  );
}

/** The one line istio-init prints; undefined when --help was printed. */
export function istioIptables(argv: string[]): string | undefined {
  const booleans = Object.entries(BOOLEAN_FLAGS).flatMap(([name, short]) =>
    short ? [name, short] : [name],
  );
  const args = goFlagParser(rejectInvalidBooleans(argv, booleans), 'pilot-agent istio-iptables')
    .usage(USAGE)
    .options({ ...options(VALUE_FLAGS, 'string'), ...options(BOOLEAN_FLAGS, 'boolean') })
    .parseSync();
  if (args.help) return undefined;
  const outbound = parseInteger('envoy-port', String(args['envoy-port'] ?? DEFAULT_OUTBOUND_PORT), {
    min: 1,
  });
  const inbound = parseInteger(
    'inbound-capture-port',
    String(args['inbound-capture-port'] ?? DEFAULT_INBOUND_PORT),
    { min: 1 },
  );
  return (
    `istio-iptables: no rules written; outbound gRPC reaches the sidecar stand-in as ` +
    `grpc_proxy=http://127.0.0.1:${outbound} (HTTP CONNECT); inbound port ${inbound} is not captured`
  );
}
