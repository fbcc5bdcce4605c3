// Small synthetic repositories for the checker's own specs: a chart, one scenario file, one code
// file, the CLIs' flags, and whatever Markdown a test adds; `docsSite` adds whole docs.
import type { DocsInput } from './check-docs';
import type { Cli } from './commands';
import { LANGUAGES, READING_ORDER } from './pages';

const FLAGS: Record<Cli, string[]> = {
  'greeter-server': ['help', 'address', 'max-connection-age'],
  'greeter-client': ['help', 'address', 'insecure', 'repeat', 'lb', 'expect', 'summary'],
  'health-probe': ['help', 'addr', 'service'],
  lab: ['help', 'scenario', 'repeat', 'watch', 'json'],
};

/** A repository with a chart, one scenario file and whatever Markdown the test adds. */
export function repo(
  markdown: Record<string, string>,
  otherFiles: Record<string, string> = {},
): DocsInput {
  const files: Record<string, string> = {
    'charts/grpc-greeter/README.md': '# Chart\n\n## Values\n',
    'charts/grpc-greeter/scenarios/no-sidecar.yaml': 'mesh: {}\n',
    'apps/lab/src/kube-proxy.ts': '// code\n',
    ...otherFiles,
    ...markdown,
  };
  return {
    markdown,
    exists: (path) =>
      path in files || Object.keys(files).some((file) => file.startsWith(`${path}/`)),
    read: (path) => files[path],
    cliFlags: {
      'greeter-server': new Set(FLAGS['greeter-server']),
      'greeter-client': new Set(FLAGS['greeter-client']),
      'health-probe': new Set(FLAGS['health-probe']),
      lab: new Set(FLAGS.lab),
    },
    skaffoldProfiles: new Set(['no-sidecar', 'weighted-90-10']),
    npmScripts: new Set(['start', 'test', 'bench']),
  };
}

export const messages = (problems: { message: string }[]) => problems.map((p) => p.message);

/** The synthetic docs' pages in reading order. */
export const PAGES = [
  'why-one-pod.md',
  'cluster-walkthrough.md',
  'lab-walkthrough.md',
  'glossary.md',
];

/** A glossary with both rule tables. */
export const GLOSSARY_TEXT = [
  '| 写作 | 不写作 |',
  '| --- | --- |',
  '| 控制平面 | 控制面 |',
  '| Pod | pod、pods |',
  '',
  '| 英文名 | ASM 控制台名称 |',
  '| --- | --- |',
  '| VirtualService | 虚拟服务 |',
  '',
].join('\n');

/**
 * Whole docs: every page of PAGES in both languages with the navigation links the docs promise,
 * both READMEs listing them, and the glossary's rules.
 */
export function docsSite(body: (lang: string, page: string) => string): Record<string, string> {
  const pages = LANGUAGES.flatMap((lang) =>
    PAGES.map((page, index): [string, string] => {
      const other = lang === 'en' ? 'zh' : 'en';
      const nav = [
        index > 0 ? `[prev](${PAGES[index - 1]})` : '',
        index < PAGES.length - 1 ? `[next](${PAGES[index + 1]})` : '',
        `[${other}](../${other}/${page})`,
        '[code](../../apps/lab/src/kube-proxy.ts)',
      ].join(' ');
      const rules = lang === 'zh' && page === 'glossary.md' ? `\n${GLOSSARY_TEXT}` : '';
      return [`docs/${lang}/${page}`, `# ${page}\n\n${nav}\n\n${body(lang, page)}${rules}`];
    }),
  );
  const readmes = LANGUAGES.map((lang): [string, string] => {
    const { file, heading } = READING_ORDER[lang];
    const rows = PAGES.map((page) => `| [${page}](docs/${lang}/${page}) |`);
    return [file, `# Docs\n\n## ${heading}\n\n| Page |\n| --- |\n${rows.join('\n')}\n`];
  });
  return Object.fromEntries([...pages, ...readmes]);
}
