// `helm test <release> --logs` fails on a passing test: the hook-succeeded delete policy removes
// the pod inside the hook run, before --logs asks for its logs (helm issue #9098), and on a failed
// two-container pod (sidecar, grpc-agent) helm asks for logs without naming a container. The test
// pod instead carries helm.sh/hook-output-log-policy, and helm (>= 3.18.0) prints every
// container's logs before deleting it. So: the annotation is rendered, and no command printed
// anywhere (NOTES, scenario files, skaffold.yaml, READMEs, docs) passes --logs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SCENARIOS } from './support/contract';
import { notesRenderer } from './support/notes';
import { CHART_DIR, REPO_ROOT, scenarioFile, scenarioNames } from './support/paths';
import { testPod } from './support/pods';
import { render } from './support/render';

const HELM_TEST_LOGS = /\bhelm\s+test\b[^\n]*\s--logs\b/;

/** Lines with shell `\` continuations joined, so a command split over lines reads as one. */
function commandLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/^\s*#\s?/, '');
    if (!pending) start = index + 1;
    if (/\\\s*$/.test(line)) {
      pending += line.replace(/\\\s*$/, ' ');
      return;
    }
    out.push({ line: start, text: pending + line });
    pending = '';
  });
  return out;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'dist', '.nx', '.git', 'coverage'].includes(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const printedSources = [
  ...markdownFiles(REPO_ROOT),
  ...scenarioNames().map(scenarioFile),
  join(REPO_ROOT, 'skaffold.yaml'),
  ...readdirSync(join(CHART_DIR, 'templates'))
    .filter((f) => /\.(tpl|txt)$/.test(f))
    .map((f) => join(CHART_DIR, 'templates', f)),
].map((path) => relative(REPO_ROOT, path));

describe('helm test logs', () => {
  it.each(Object.keys(SCENARIOS).sort())(
    '%s: the test pod asks helm to print its logs, pass or fail',
    async (name) => {
      const pod = testPod(await render({ scenario: name, namespace: SCENARIOS[name].namespace }));
      expect(pod.metadata.annotations?.['helm.sh/hook-output-log-policy']).toBe(
        'hook-succeeded,hook-failed',
      );
    },
  );

  it.each(Object.keys(SCENARIOS).sort())(
    '%s: NOTES print `helm test` without --logs',
    async (name) => {
      const notes = notesRenderer();
      try {
        const text = await notes.render({ scenario: name, namespace: SCENARIOS[name].namespace });
        expect(text).toMatch(/^\s*helm test grpc-greeter -n \S+$/m);
        expect(commandLines(text).filter((l) => HELM_TEST_LOGS.test(l.text))).toEqual([]);
      } finally {
        notes.dispose();
      }
    },
  );

  it('reads the chart README, both walkthroughs and every scenario file', () => {
    expect(printedSources).toEqual(
      expect.arrayContaining([
        'charts/grpc-greeter/README.md',
        'docs/en/cluster-walkthrough.md',
        'docs/zh/cluster-walkthrough.md',
        'charts/grpc-greeter/scenarios/weighted-90-10.yaml',
        'charts/grpc-greeter/templates/_notes.tpl',
      ]),
    );
  });

  it.each(printedSources)('%s prints no `helm test … --logs`', (path) => {
    const hits = commandLines(readFileSync(join(REPO_ROOT, path), 'utf8'))
      .filter((l) => HELM_TEST_LOGS.test(l.text))
      .map((l) => `${path}:${l.line}: ${l.text.trim()}`);
    expect(hits).toEqual([]);
  });

  it('catches a command split over lines', () => {
    const hits = commandLines('helm test grpc-greeter \\\n  -n grpc-sidecar --logs\n');
    expect(hits.filter((l) => HELM_TEST_LOGS.test(l.text))).toHaveLength(1);
  });
});
