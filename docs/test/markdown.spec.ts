// The Markdown and command-line readers the checker is built on.
import {
  cliCall,
  commandLines,
  flagName,
  flagValues,
  helpFlags,
  npmScripts,
  skaffoldProfiles,
} from './support/commands';
import { anchors, headings, linkTargets, slugify, splitFences } from './support/markdown';

describe('slugify (GitHub heading anchors)', () => {
  it.each([
    ['Why one pod gets everything', 'why-one-pod-gets-everything'],
    ['1. `helm install` per scenario', '1-helm-install-per-scenario'],
    ['L4 vs L7: who sees requests?', 'l4-vs-l7-who-sees-requests'],
    ['Client-side `round_robin` (headless)', 'client-side-round_robin-headless'],
    ['[Link](x.md) text', 'link-text'],
    ['为什么所有请求都落在一个 Pod 上？', '为什么所有请求都落在一个-pod-上'],
    ['端口没有以 grpc 命名（或缺少 appProtocol）', '端口没有以-grpc-命名或缺少-appprotocol'],
    ['Istio ≥ 1.10 and 127.0.0.1', 'istio--110-and-127001'],
  ])('%s → %s', (heading, slug) => {
    expect(slugify(heading)).toBe(slug);
  });

  it('numbers repeated headings like GitHub', () => {
    expect([...anchors('# A\n## Fix\n## Fix\n## Fix\n')]).toEqual(['a', 'fix', 'fix-1', 'fix-2']);
  });
});

describe('splitFences and headings', () => {
  const text = ['# Title', '```sh', '# not a heading', '```', '## Next ##', '~~~', 'x', '~~~'];

  it('keeps line numbers and separates fenced code', () => {
    const { prose, blocks } = splitFences(text.join('\n'));
    expect(prose).toHaveLength(text.length);
    expect(blocks).toEqual([
      { lang: 'sh', line: 3, lines: ['# not a heading'] },
      { lang: '', line: 7, lines: ['x'] },
    ]);
  });

  it('finds headings outside code only', () => {
    expect(headings(text.join('\n'))).toEqual([
      { level: 1, text: 'Title', line: 1 },
      { level: 2, text: 'Next', line: 5 },
    ]);
  });
});

describe('linkTargets', () => {
  it('reads inline links, images and reference definitions, not code', () => {
    const text = '[a](x.md#h "title") ![img](i.png) `[c](code.md)`\n\n[ref]: ../y.md\n';
    expect(linkTargets(text)).toEqual([
      { text: 'x.md#h', line: 1 },
      { text: 'i.png', line: 1 },
      { text: '../y.md', line: 3 },
    ]);
  });
});

describe('command lines', () => {
  it('joins continued lines, drops prompts and comments, splits at operators', () => {
    const lines = commandLines(
      '```console\n$ kubectl exec -n ns deploy/c -- \\\n  /bin/greeter-client --repeat=3 && echo "a # b" # c\n```\n',
    );
    expect(lines.map((l) => l.words)).toEqual([
      ['kubectl', 'exec', '-n', 'ns', 'deploy/c', '--', '/bin/greeter-client', '--repeat=3'],
      ['echo', 'a # b'],
    ]);
    expect(lines[0].line).toBe(2);
  });

  it('knows which CLI runs and with which arguments', () => {
    const [call] = commandLines('`npm start -- --scenario v2-only --json`').map(cliCall);
    expect(call).toMatchObject({ cli: 'lab', args: ['--scenario', 'v2-only', '--json'] });
    const [probe] = commandLines('`/bin/grpc_health_probe -addr=:8080`').map(cliCall);
    expect(probe).toMatchObject({ cli: 'health-probe', args: ['-addr=:8080'] });
    expect(commandLines('`istio-grpc-server-v1-546d9876c4-j2p9r`').map(cliCall)).toEqual([
      undefined,
    ]);
    const [helm] = commandLines(
      '`helm install t c --set client.image.repository=r/greeter-client`',
    );
    expect(cliCall(helm)).toBeUndefined();
  });

  it('reads flag names and values in Go and GNU spellings', () => {
    expect(['--address=:8080', '-addr=:8080', '--insecure', '-tls'].map(flagName)).toEqual([
      'address',
      'addr',
      'insecure',
      'tls',
    ]);
    expect(flagValues(['--scenario', 'a', '--scenario=b,c', '--json'], 'scenario')).toEqual([
      'a',
      'b,c',
    ]);
  });

  it('finds skaffold profiles and npm scripts', () => {
    const [skaffold, npm] = commandLines('`skaffold dev -p a,b`\n`npm run bench -- --x`\n');
    expect(skaffoldProfiles(skaffold)).toEqual(['a', 'b']);
    expect(npmScripts(npm)).toEqual(['bench']);
  });
});

describe('helpFlags', () => {
  it("reads yargs' option lines", () => {
    const help = [
      'Usage: x [flags]',
      '',
      '  npm start -- --scenario a    an example, not an option',
      'Options:',
      '  -h, --help      Show help  [boolean]',
      '      --address   the server to connect to (gRPC target)',
      '      --tls-ca-cert  (with -tls, optional) file',
    ].join('\n');
    expect([...helpFlags(help)].sort()).toEqual(['address', 'h', 'help', 'tls-ca-cert']);
  });
});
