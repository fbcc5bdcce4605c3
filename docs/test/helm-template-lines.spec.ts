// Every `helm template` command the docs print runs as written with the real helm: in the shell
// blocks and inline code of docs/en, docs/zh and the READMEs (inline code elided with `…` or `<x>`
// is a sketch, not a command). A helm built with `go install` assumes Kubernetes v1.20, which the
// chart refuses, so each command also passes --kube-version: a release build of helm would run a
// line without it, and the reader with the other helm would get an error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helm, type HelmResult, workspaceRoot } from '@grpc-greeter/testing';
import { commandLines, isPlaceholder } from './support/commands';
import { splitFences } from './support/markdown';
import { docsFiles } from './support/repo';

interface HelmTemplateLine {
  /** `file:line` of every place that prints this command. */
  where: string[];
  args: string[];
}

/**
 * Files a page asks the reader to write: a code block whose first line is `# /absolute/path`
 * (lab-walkthrough's `/tmp/my-values.yaml`), path → the block's text.
 */
function filesToWrite(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const block of splitFences(markdown).blocks) {
    const path = /^#\s+(\/\S+)\s*$/.exec(block.lines[0] ?? '')?.[1];
    if (path) files.set(path, block.lines.join('\n') + '\n');
  }
  return files;
}

function helmTemplateLines(): { lines: HelmTemplateLine[]; files: Map<string, string> } {
  const byCommand = new Map<string, HelmTemplateLine>();
  const files = new Map<string, string>();
  for (const file of docsFiles()) {
    const markdown = readFileSync(join(workspaceRoot, file), 'utf8');
    for (const [path, text] of filesToWrite(markdown)) files.set(path, text);
    for (const { words, line } of commandLines(markdown)) {
      const at = words.findIndex((w, i) => w === 'helm' && words[i + 1] === 'template');
      // `helm template` alone names the command in prose; a placeholder marks a sketch.
      if (at === -1 || words.length - at <= 2 || words.some(isPlaceholder)) continue;
      const args = words.slice(at + 1);
      const key = args.join(' ');
      const entry = byCommand.get(key) ?? { where: [], args };
      entry.where.push(`${file}:${line}`);
      byCommand.set(key, entry);
    }
  }
  return { lines: [...byCommand.values()], files };
}

const { lines, files } = helmTemplateLines();
const results = new Map<HelmTemplateLine, HelmResult>();
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'docs-helm-template-'));
  const written = new Map<string, string>();
  [...files].forEach(([path, text], index) => {
    const local = join(dir, `file-${index}.yaml`);
    writeFileSync(local, text);
    written.set(path, local);
  });
  await Promise.all(
    lines.map(async (entry) => {
      const args = entry.args.map((arg) => written.get(arg) ?? arg);
      results.set(entry, await helm(args, { cwd: workspaceRoot }));
    }),
  );
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('helm template lines in the docs', () => {
  it('are found in docs/en and docs/zh alike', () => {
    const places = lines.flatMap((entry) => entry.where);
    for (const prefix of ['docs/en/', 'docs/zh/']) {
      expect(places.filter((place) => place.startsWith(prefix)).length).toBeGreaterThanOrEqual(4);
    }
  });

  it.each(lines.map((entry) => [entry.where.join(', '), entry] as const))(
    '%s: runs with the real helm and prints manifests',
    (_where, entry) => {
      expect(entry.args).toContain('--kube-version');
      const result = results.get(entry);
      expect({ code: result?.code, stderr: result?.stderr }).toEqual({ code: 0, stderr: '' });
      expect(result?.stdout).toMatch(/^kind: /m);
    },
  );
});
