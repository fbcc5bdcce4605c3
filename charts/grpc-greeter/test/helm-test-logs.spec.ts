// `helm test <release> --logs` fails on a passing test: the hook-succeeded delete policy removes
// the pod inside the hook run, before --logs asks for its logs (helm issue #9098), and on a failed
// two-container pod (sidecar, grpc-agent) helm asks for logs without naming a container. The test
// pod instead carries helm.sh/hook-output-log-policy, and helm (>= 3.18.0) prints every
// container's logs before deleting it. So: the annotation is rendered, and no command printed
// anywhere (NOTES, skaffold.yaml, READMEs, docs, any tracked file but code) passes --logs.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { notesRenderer } from './support/notes';
import { CHART_DIR, REPO_ROOT, SCENARIO_NAMES } from './support/paths';
import { testPod } from './support/pods';
import { render } from './support/render';

const HELM_TEST = /\bhelm\s+test\b/;
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

// Every tracked file, but code (whose strings are assertions, not commands), that says `helm test`.
const printedSources = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
  .split('\0')
  .filter((path) => path && !/\.(ts|js|mjs|cjs)$/.test(path))
  .filter((path) => HELM_TEST.test(readFileSync(join(REPO_ROOT, path), 'utf8')));

describe('helm test logs', () => {
  it.each(SCENARIO_NAMES)(
    '%s: the test pod asks helm to print its logs, pass or fail',
    async (name) => {
      const pod = testPod(await render({ scenario: name }));
      expect(pod.metadata.annotations?.['helm.sh/hook-output-log-policy']).toBe(
        'hook-succeeded,hook-failed',
      );
    },
  );

  it.each(SCENARIO_NAMES)('%s: NOTES print `helm test` without --logs', async (name) => {
    const notes = notesRenderer();
    try {
      const text = await notes.render({ scenario: name });
      expect(text).toMatch(/^\s*helm test grpc-greeter -n \S+$/m);
      expect(commandLines(text).filter((l) => HELM_TEST_LOGS.test(l.text))).toEqual([]);
    } finally {
      notes.dispose();
    }
  });

  it('reads the template NOTES.txt prints, found from the include in NOTES.txt', () => {
    const notes = readFileSync(join(CHART_DIR, 'templates', 'NOTES.txt'), 'utf8');
    const included = /include "([^"]+)"/.exec(notes)?.[1];
    const dir = join(CHART_DIR, 'templates');
    const defining = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((file) => /\.(tpl|txt|yaml)$/.test(file))
      .filter((file) => readFileSync(join(dir, file), 'utf8').includes(`define "${included}"`));
    expect(defining).toHaveLength(1);
    expect(printedSources).toContain(relative(REPO_ROOT, join(dir, defining[0])));
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
