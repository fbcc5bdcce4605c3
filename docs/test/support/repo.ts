// The checker's input for this repository: the Markdown it checks, the file tree, the real
// `--help` of the built CLIs, skaffold.yaml's profiles and package.json's scripts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { builtApp, runProcess, workspaceRoot } from '@grpc-greeter/testing';
import type { DocsInput } from './check-docs';
import { type Cli, CLIS, helpFlags } from './commands';

/** The READMEs (root and chart, each with its Chinese twin) and every Markdown file under docs/. */
export function docsFiles(): string[] {
  const underDocs = (dir: string): string[] =>
    readdirSync(join(workspaceRoot, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return entry.name === 'test' ? [] : underDocs(path);
      return entry.name.endsWith('.md') ? [path] : [];
    });
  const readmes = ['README.md', 'charts/grpc-greeter/README.md'].flatMap((path) => [
    path,
    path.replace(/\.md$/, '.zh-CN.md'),
  ]);
  return [...readmes.filter((path) => existsSync(join(workspaceRoot, path))), ...underDocs('docs')];
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(join(workspaceRoot, path), 'utf8');
  } catch {
    return undefined;
  }
}

/** What `node dist/apps/<cli>/main.js --help` prints (the builds are the test's dependencies). */
export async function helpText(cli: Cli): Promise<string> {
  const result = await runProcess(process.execPath, [builtApp(cli), '--help'], {
    cwd: workspaceRoot,
    timeoutMs: 20_000,
  });
  if (result.code !== 0) throw new Error(`${cli} --help exited ${result.code}:\n${result.stderr}`);
  return result.stdout;
}

export async function loadRepository(): Promise<DocsInput & { help: Record<Cli, string> }> {
  const helps = await Promise.all(CLIS.map(helpText));
  const help = Object.fromEntries(CLIS.map((cli, i) => [cli, helps[i]])) as Record<Cli, string>;
  const skaffold = parse(readText('skaffold.yaml') ?? '') as { profiles?: { name: string }[] };
  const pkg = JSON.parse(readText('package.json') ?? '{}') as { scripts?: Record<string, string> };
  return {
    markdown: Object.fromEntries(docsFiles().map((path) => [path, readText(path) ?? ''])),
    exists: (path) => existsSync(join(workspaceRoot, path)),
    read: readText,
    help,
    cliFlags: {
      'greeter-server': helpFlags(help['greeter-server']),
      'greeter-client': helpFlags(help['greeter-client']),
      'health-probe': helpFlags(help['health-probe']),
      lab: helpFlags(help.lab),
    },
    skaffoldProfiles: new Set((skaffold.profiles ?? []).map((profile) => profile.name)),
    npmScripts: new Set(Object.keys(pkg.scripts ?? {})),
  };
}
