import { runApp } from '@grpc-greeter/testing';

// The injected command lines, verbatim from Istio's injection template with its default values.
const ISTIO_INIT = [
  'istio-iptables',
  '-p',
  '15001',
  '-z',
  '15006',
  '-u',
  '1337',
  '-m',
  'REDIRECT',
  '-i',
  '*',
  '-x',
  '',
  '-b',
  '*',
  '-d',
  '15090,15021,15020',
  '--log_output_level=default:info',
];

describe('pilot-agent istio-iptables', () => {
  it("Should accept istio-init's command line and say, in one line, how capture is done", async () => {
    const run = await runApp('sidecar-stand-in', ISTIO_INIT);

    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      expect.stringContaining('grpc_proxy=http://127.0.0.1:15001'),
    ]);
  });
});

describe('bad input', () => {
  it.each([
    [[], 'missing command'],
    [['envoy'], 'unknown command "envoy"'],
    [['istio-iptables', '--bogus'], 'Unknown argument: bogus'],
    [['istio-iptables', '-p', 'abc'], '--envoy-port: "abc" is not an integer'],
    [['proxy', 'router'], 'proxy type "router" is not modelled'],
    [['proxy', 'sidecar'], 'INSTANCE_IP is not set'],
    [['request', '--debug-port=8080', 'POST', 'drain'], 'debug port 8080 is not in allowed list'],
    [['wait', '--timeoutSeconds=0'], 'timeout waiting for the proxy to become ready'],
  ])('Should refuse %j with one line and exit 1', async (args, message) => {
    const run = await runApp('sidecar-stand-in', args, { env: { PATH: process.env.PATH } });

    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
  });
});
