// The pages of the docs: which there are (docs/en decides), in which order (README.md's
// Documentation table), which files translate which, and the checks that hold them together:
// the reading order, parity between the languages and the links from page to page.
import {
  type CodeBlock,
  headings,
  linkTargets,
  resolveLink,
  section,
  splitFences,
  type Table,
  tables,
} from './markdown';
import type { DocsInput, Problem } from './problem';

export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where each language lists its pages in reading order: the table in a README section. */
export const READING_ORDER: Readonly<Record<Language, { file: string; heading: string }>> = {
  en: { file: 'README.md', heading: 'Documentation' },
  zh: { file: 'README.zh-CN.md', heading: '文档' },
};

/** Translations outside docs/: each English file with its Chinese twin. */
export const OTHER_TRANSLATIONS: readonly (readonly [string, string])[] = [
  ['charts/grpc-greeter/README.md', 'charts/grpc-greeter/README.zh-CN.md'],
];

/** The file names of docs/<lang>/*.md, sorted. */
export function pagesIn(input: DocsInput, lang: Language): string[] {
  const prefix = `docs/${lang}/`;
  return Object.keys(input.markdown)
    .filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
    .map((path) => path.slice(prefix.length))
    .sort();
}

/**
 * The docs/<lang>/ pages the language's README section links to, in its order; undefined when the
 * README or the section is missing.
 */
export function listedPages(input: DocsInput, lang: Language): string[] | undefined {
  const { file, heading } = READING_ORDER[lang];
  const text = input.markdown[file];
  const part = text === undefined ? undefined : section(text, heading);
  if (part === undefined) return undefined;
  const prefix = `docs/${lang}/`;
  const pages = linkTargets(part)
    .map(({ text: target }) => resolveLink(file, target)?.path ?? '')
    .filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
    .map((path) => path.slice(prefix.length));
  return [...new Set(pages)];
}

/** The reading order: the English pages as README.md's Documentation table lists them. */
export function readingOrder(input: DocsInput): string[] {
  return listedPages(input, 'en') ?? [];
}

/**
 * README.md's Documentation table lists every page of docs/en, and README.zh-CN.md's 文档 table
 * lists the Chinese pages in the same order.
 */
export function checkReadingOrder(input: DocsInput): Problem[] {
  const problems: Problem[] = [];
  const at = (file: string, message: string): Problem => ({
    kind: 'navigation',
    file,
    line: 0,
    message,
  });
  const [en, zh] = LANGUAGES.map((lang) => listedPages(input, lang));
  for (const lang of LANGUAGES) {
    const { file, heading } = READING_ORDER[lang];
    if (!(lang === 'en' ? en : zh))
      problems.push(at(file, `no "${heading}" section linking to the pages of docs/${lang}/`));
  }
  if (!en) return problems;
  const { file, heading } = READING_ORDER.en;
  for (const page of pagesIn(input, 'en').filter((p) => !en.includes(p)))
    problems.push(at(file, `the ${heading} table does not list docs/en/${page}`));
  if (zh && zh.join() !== en.join()) {
    problems.push(
      at(
        READING_ORDER.zh.file,
        `the ${READING_ORDER.zh.heading} table lists ${zh.join(', ')}; ${file} lists ${en.join(', ')}`,
      ),
    );
  }
  return problems;
}

/** Each English file with its Chinese twin: every page of docs/en and docs/zh, and the rest. */
function translations(input: DocsInput): (readonly [string, string])[] {
  const pages = [...new Set([...pagesIn(input, 'en'), ...pagesIn(input, 'zh')])];
  const others = OTHER_TRANSLATIONS.filter(([en]) => input.markdown[en] !== undefined);
  return [
    ...pages.map((page): [string, string] => [`docs/en/${page}`, `docs/zh/${page}`]),
    ...others,
  ];
}

/** A code block as the languages must share it: a diagram's quoted labels are translated. */
function comparable(block: CodeBlock): string {
  const lines =
    block.lang === 'mermaid' ? block.lines.map((l) => l.replace(/"[^"]*"/g, '"…"')) : block.lines;
  return [block.lang, ...lines].join('\n');
}

function compareCode(en: string, zh: string, input: DocsInput): Problem[] {
  const [ours, theirs] = [en, zh].map((path) => splitFences(input.markdown[path]).blocks);
  const problems: Problem[] = [];
  if (ours.length !== theirs.length) {
    problems.push({
      kind: 'parity',
      file: zh,
      line: 0,
      message: `${en} has ${ours.length} code blocks, ${zh} has ${theirs.length}`,
    });
  }
  for (let i = 0; i < Math.min(ours.length, theirs.length); i += 1) {
    if (comparable(ours[i]) === comparable(theirs[i])) continue;
    problems.push({
      kind: 'parity',
      file: zh,
      line: theirs[i].line,
      message: `code block ${i + 1} differs from ${en}:${ours[i].line} (only a diagram's quoted labels may)`,
    });
    if (ours.length !== theirs.length) break;
  }
  return problems;
}

/** The cells of a table that are code and nothing else: values keys, defaults, file names. */
function codeCells(table: Table): string[] {
  return table.rows.flatMap((row) => row.cells.filter((cell) => /^`[^`]+`$/.test(cell)));
}

/** Each table of the English twin has its Chinese counterpart, with the same code cells. */
function compareTables(en: string, zh: string, input: DocsInput): Problem[] {
  const [ours, theirs] = [en, zh].map((path) => tables(input.markdown[path]));
  return ours.flatMap((table, i): Problem[] => {
    const twin = theirs.at(i);
    if (twin && codeCells(twin).join('\n') === codeCells(table).join('\n')) return [];
    return [
      {
        kind: 'parity',
        file: zh,
        line: twin?.header.line ?? 0,
        message: twin
          ? `table ${i + 1} has other code cells than ${en}:${table.header.line}`
          : `table ${i + 1} of ${en} (line ${table.header.line}) has no counterpart`,
      },
    ];
  });
}

/**
 * Every page of docs/en has its twin in docs/zh and back, and so has each of OTHER_TRANSLATIONS;
 * twins have as many `##` headings, the same code blocks and, in their tables, the same code
 * cells (the Chinese twin may add tables after them).
 */
export function checkParity(input: DocsInput): Problem[] {
  return translations(input).flatMap(([en, zh]): Problem[] => {
    const missing = [en, zh].filter((path) => input.markdown[path] === undefined);
    if (missing.length > 0)
      return missing.map((path) => ({
        kind: 'parity',
        file: path,
        line: 0,
        message: `${path} is missing`,
      }));
    const count = (path: string) =>
      headings(input.markdown[path]).filter((h) => h.level === 2).length;
    const problems = [...compareCode(en, zh, input), ...compareTables(en, zh, input)];
    if (count(en) !== count(zh)) {
      problems.unshift({
        kind: 'parity',
        file: zh,
        line: 0,
        message: `${en} has ${count(en)} level-2 headings, ${zh} has ${count(zh)}`,
      });
    }
    return problems;
  });
}

/**
 * Each page links to the page before and after it in the reading order, to the same page in the
 * other language, and to at least one file outside docs/ (the code it talks about).
 */
export function checkNavigation(input: DocsInput): Problem[] {
  const order = readingOrder(input);
  return LANGUAGES.flatMap((lang) =>
    order.flatMap((page, index) => {
      const file = `docs/${lang}/${page}`;
      const text = input.markdown[file];
      if (text === undefined) return [];
      const targets = linkTargets(text)
        .map(({ text: target }) => resolveLink(file, target)?.path)
        .filter((path): path is string => path !== undefined);
      const other = LANGUAGES.find((l) => l !== lang);
      const wanted = [
        index > 0 ? `docs/${lang}/${order[index - 1]}` : undefined,
        index < order.length - 1 ? `docs/${lang}/${order[index + 1]}` : undefined,
        `docs/${other}/${page}`,
      ].filter((path): path is string => path !== undefined);
      const problems: Problem[] = wanted
        .filter((path) => !targets.includes(path))
        .map((path) => ({ kind: 'navigation', file, line: 0, message: `no link to ${path}` }));
      if (!targets.some((path) => !path.startsWith('docs/'))) {
        problems.push({
          kind: 'navigation',
          file,
          line: 0,
          message: 'no link to the code (a file outside docs/)',
        });
      }
      return problems;
    }),
  );
}
