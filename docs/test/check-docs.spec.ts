// The checker against small synthetic repositories: it must pass good docs and catch each kind
// of mistake (broken link, missing anchor, unknown flag, missing scenario file, issue number...).
// The page checks are in pages.spec.ts, the rules for Chinese text in chinese.spec.ts.
import {
  checkCommands,
  checkDocs,
  checkIssueNumbers,
  checkLinks,
  checkScenarios,
} from './support/check-docs';
import { docsSite, messages, repo } from './support/synthetic-repo';

describe('checkLinks', () => {
  it('accepts links to files, folders and headings that exist', () => {
    const input = repo({
      'README.md': [
        '# Title',
        '',
        'See [the chart](charts/grpc-greeter/README.md#values), [the code](apps/lab/src/),',
        '[above](#title), [the web](https://grpc.io) and [mail](mailto:a@b.c).',
      ].join('\n'),
    });
    expect(checkLinks(input)).toEqual([]);
  });

  it('fails on a link to a file that does not exist', () => {
    const input = repo({ 'docs/en/a.md': 'Read [this](../../apps/lab/src/nope.ts).\n' });
    expect(checkLinks(input)).toEqual([
      {
        kind: 'link',
        file: 'docs/en/a.md',
        line: 1,
        message: '../../apps/lab/src/nope.ts: apps/lab/src/nope.ts does not exist',
      },
    ]);
  });

  it('fails on a link that climbs out of the repository', () => {
    const input = repo({ 'README.md': '[up](../outside.md)\n' });
    expect(messages(checkLinks(input))).toEqual(['../outside.md: ../outside.md does not exist']);
  });

  it('fails on an anchor no heading of the target produces', () => {
    const input = repo({ 'README.md': '[values](charts/grpc-greeter/README.md#valuez)\n' });
    expect(messages(checkLinks(input))).toEqual([
      'charts/grpc-greeter/README.md#valuez: no heading in charts/grpc-greeter/README.md has the anchor #valuez',
    ]);
  });

  it('fails on a same-page anchor that is not there', () => {
    const input = repo({ 'README.md': '# One\n\n[two](#two)\n' });
    expect(checkLinks(input)).toMatchObject([{ kind: 'anchor', line: 3 }]);
  });

  it('ignores links written inside code', () => {
    const input = repo({ 'README.md': '`[x](nope.md)`\n\n```md\n[y](nope.md)\n```\n' });
    expect(checkLinks(input)).toEqual([]);
  });
});

describe('checkScenarios', () => {
  it('accepts scenario files that exist, in prose, code and lab commands', () => {
    const input = repo({
      'README.md': [
        'Use `charts/grpc-greeter/scenarios/no-sidecar.yaml`.',
        '```sh',
        'helm install grpc-greeter charts/grpc-greeter -f charts/grpc-greeter/scenarios/no-sidecar.yaml',
        'npm start -- --scenario no-sidecar',
        'npm start -- --scenario /tmp/mine.yaml --scenario <name>',
        '```',
      ].join('\n'),
    });
    expect(checkScenarios(input)).toEqual([]);
  });

  it('fails on a scenario file that does not exist', () => {
    const input = repo({
      'README.md': 'helm install x charts/grpc-greeter -f charts/grpc-greeter/scenarios/v3.yaml\n',
    });
    expect(checkScenarios(input)).toEqual([
      {
        kind: 'scenario',
        file: 'README.md',
        line: 1,
        message: 'charts/grpc-greeter/scenarios/v3.yaml does not exist',
      },
    ]);
  });

  it("fails on a lab --scenario name that is not in the chart's scenarios/", () => {
    const input = repo({ 'README.md': '```sh\nnpm start -- --scenario=sidecar\n```\n' });
    expect(messages(checkScenarios(input))).toEqual([
      'charts/grpc-greeter/scenarios/sidecar.yaml does not exist',
    ]);
  });
});

describe('checkCommands', () => {
  it('accepts flags every CLI lists in its --help, in any of the spellings', () => {
    const input = repo({
      'README.md': [
        '```sh',
        '$ node dist/apps/greeter-server/main.js --address=127.0.0.1:0 --max-connection-age 1s &',
        'kubectl exec -it -n ns deploy/c -c c -- \\',
        '  /bin/greeter-client --insecure=true --address=istio-grpc-server:8080 --repeat=100',
        'greeter-client --no-summary --lb round_robin  # a comment --not-a-flag',
        '/bin/grpc_health_probe -addr=:8080 -service=helloworld.Greeter',
        'npm start -- --scenario no-sidecar --json | jq .',
        '```',
        'Inline: `node dist/apps/lab/main.js --watch --scenario no-sidecar`.',
      ].join('\n'),
    });
    expect(checkCommands(input)).toEqual([]);
  });

  it('fails on a flag the CLI does not have', () => {
    const input = repo({
      'docs/en/a.md':
        '```sh\n/bin/greeter-client --insecure --adress=istio-grpc-server:8080\n```\n',
    });
    expect(checkCommands(input)).toEqual([
      {
        kind: 'flag',
        file: 'docs/en/a.md',
        line: 2,
        message:
          'greeter-client has no flag --adress=istio-grpc-server:8080 (not in its --help) in: /bin/greeter-client --insecure --adress=istio-grpc-server:8080',
      },
    ]);
  });

  it('checks each CLI against its own flags', () => {
    const input = repo({ 'README.md': '`grpc_health_probe -addr=:8080 -repeat=3`\n' });
    expect(messages(checkCommands(input))).toEqual([
      'health-probe has no flag -repeat=3 (not in its --help) in: grpc_health_probe -addr=:8080 -repeat=3',
    ]);
  });

  it('fails on lab flags written before npm start’s --', () => {
    const input = repo({ 'README.md': '```sh\nnpm start --scenario no-sidecar\n```\n' });
    expect(messages(checkCommands(input))).toEqual([
      '--scenario goes to npm, not the lab: write npm start -- --scenario in: npm start --scenario no-sidecar',
    ]);
  });

  it('fails on a skaffold profile that skaffold.yaml does not define', () => {
    const input = repo({
      'README.md': '```sh\nskaffold dev -p weighted-90-10\nskaffold run --profile=v3-only\n```\n',
    });
    expect(messages(checkCommands(input))).toEqual([
      'skaffold.yaml has no profile v3-only in: skaffold run --profile=v3-only',
    ]);
  });

  it('fails on an npm script that package.json does not define', () => {
    const input = repo({ 'README.md': '`npm run bench` and `npm run benchmark`\n' });
    expect(messages(checkCommands(input))).toEqual([
      'package.json has no script benchmark in: npm run benchmark',
    ]);
  });

  it('does not read diagrams or manifests as command lines', () => {
    const input = repo({
      'README.md': '```yaml\nargs: [greeter-server, --bogus]\n```\n\n```mermaid\ngraph LR\n```\n',
    });
    expect(checkCommands(input)).toEqual([]);
  });

  it('does not read printed output or Nx project lists as calls of our CLIs', () => {
    const input = repo({
      'README.md': [
        '```text\ngreeter-server --access-log: throughput  4059 rps\n```',
        '`npx nx run-many -t build -p greeter-server greeter-client --skip-nx-cache`',
        '```sh\ngreeter-server --bogus\n```',
      ].join('\n\n'),
    });
    expect(messages(checkCommands(input))).toEqual([
      'greeter-server has no flag --bogus (not in its --help) in: greeter-server --bogus',
    ]);
  });
});

describe('checkIssueNumbers', () => {
  it('fails on an issue or pull request number in prose', () => {
    const input = repo({
      'docs/en/a.md': 'The targets of issue 12 and #7.\n\nFixed in PR 31 and in pull request #4.\n',
    });
    expect(checkIssueNumbers(input)).toMatchObject([
      {
        kind: 'issue',
        file: 'docs/en/a.md',
        line: 1,
        message: expect.stringContaining('"issue 12"'),
      },
      { line: 1, message: expect.stringContaining('"#7"') },
      { line: 3, message: expect.stringContaining('"PR 31"') },
      { line: 3, message: expect.stringContaining('"pull request #4"') },
    ]);
  });

  it('accepts the number as the text of a link to the issue, anchors, code and other numbers', () => {
    const input = repo({
      'README.md': [
        '[Helm issue #9098](https://github.com/helm/helm/issues/9098), [grpc-go#1663](https://github.com/grpc/grpc-go/issues/1663).',
        'See [step 1](#1-install), `git show #12`, 12 issues, C#8 and &#12;.',
        '```sh',
        'echo "issue 12"',
        '```',
      ].join('\n'),
    });
    expect(checkIssueNumbers(input)).toEqual([]);
  });
});

describe('checkDocs', () => {
  it('passes whole docs in two languages that follow every rule', () => {
    expect(checkDocs(repo(docsSite(() => '## One\n\n## Two\n')))).toEqual([]);
  });
});
