// Rules for Chinese text. No line break between two Chinese characters: renderers that join lines
// with a space (browsers do, for Han) show a stray one. One word per concept, as the glossary's
// tables decide, and the ASM console's name wherever a page names an Istio resource in English.
import { splitFences, tables, withoutInlineCode, withoutLinkTargets } from './markdown';
import type { DocsInput, Problem } from './problem';

/** Han characters and CJK punctuation (、。「」，：（）…). */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
/** A line that starts a block of its own rather than continuing a paragraph. */
const BLOCK_START = /^\s*(?:[-*+]\s|\d+[.)]\s|#|\||<)/;

/** No paragraph breaks a line between two CJK characters, in any Markdown file. */
export function checkLineBreaks(input: DocsInput): Problem[] {
  return Object.entries(input.markdown).flatMap(([file, text]) => {
    const prose = splitFences(text).prose;
    return prose.slice(1).flatMap((next, index): Problem[] => {
      const line = prose[index];
      if (!line.trim() || !next.trim() || BLOCK_START.test(next) || /^\s*[#|]/.test(line))
        return [];
      if (/ {2}$|\\$/.test(line)) return []; // a Markdown hard break is a <br>, not a space
      const last = line.trimEnd().slice(-1);
      const first = next.replace(/^[\s>]+/, '').charAt(0);
      if (!CJK.test(last) || !CJK.test(first)) return [];
      return [
        {
          kind: 'line-break',
          file,
          line: index + 1,
          message: `line break between "${last}" and "${first}": join the lines`,
        },
      ];
    });
  });
}

/** The glossary, whose tables are the term rules of the Chinese pages. */
export const GLOSSARY = 'docs/zh/glossary.md';
/** Header of the glossary table of words the Chinese pages use (left), not the others (right). */
export const WORDS_HEADER = ['写作', '不写作'] as const;
/** Header of the glossary table of English resource names and their names in the ASM console. */
export const NAMES_HEADER = ['英文名', 'ASM 控制台名称'] as const;

export interface TermRules {
  words: { use: string; avoid: string[] }[];
  names: { english: string; console: string }[];
}

function plain(cell: string): string {
  return cell.replace(/[`*]/g, '').trim();
}

/** The rules the glossary's two tables state. */
export function termRules(glossary: string): TermRules {
  const rows = (header: readonly string[]) =>
    tables(glossary)
      .filter((t) => t.header.cells.map(plain).join('|') === header.join('|'))
      .flatMap((t) => t.rows.map((row) => row.cells.map(plain)));
  return {
    words: rows(WORDS_HEADER).map(([use, avoid]) => ({
      use,
      avoid: avoid
        .split(/[、,，]/)
        .map((word) => word.trim())
        .filter(Boolean),
    })),
    names: rows(NAMES_HEADER).map(([english, console]) => ({ english, console })),
  };
}

/** Markdown in Chinese: the pages of docs/zh and every `*.zh-CN.md`. */
export function isChinese(path: string): boolean {
  return path.startsWith('docs/zh/') || path.endsWith('.zh-CN.md');
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where a word stands: a Latin word only as a whole word (`pod`, not `no-pods`, `rolling-pod` or
 * `pods.ts`), a Chinese one anywhere. `prefix` also finds the word with an ending (VirtualServices).
 */
function finds(word: string, prefix = false): RegExp {
  if (!/[A-Za-z]/.test(word)) return new RegExp(escape(word));
  const end = prefix ? '' : '(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])';
  return new RegExp(`(?<![\\p{L}\\p{N}_./-])${escape(word)}${end}`, 'u');
}

/** Lines with English quoted from a source ("enroll individual pods") blanked: a quote stays as it was. */
function withoutEnglishQuotes(lines: readonly string[]): string[] {
  return lines.map((text) =>
    text.replace(/"[^"\p{Script=Han}]*"|“[^”\p{Script=Han}]*”/gu, (m) => ' '.repeat(m.length)),
  );
}

/**
 * The Chinese pages (the glossary aside, which names what it rules out) use the glossary's words,
 * not the ones it rules out (code and English quotes aside), and a page that names a resource in
 * English gives its console name.
 */
export function checkTerms(input: DocsInput): Problem[] {
  const glossary = input.markdown[GLOSSARY];
  const rules = glossary === undefined ? undefined : termRules(glossary);
  if (!rules || rules.words.length === 0 || rules.names.length === 0) {
    const tablesNeeded = `| ${WORDS_HEADER.join(' | ')} | and | ${NAMES_HEADER.join(' | ')} |`;
    return [
      {
        kind: 'term',
        file: GLOSSARY,
        line: 0,
        message: `the term rules (tables ${tablesNeeded}) are missing`,
      },
    ];
  }
  const files = Object.entries(input.markdown).filter(
    ([file]) => isChinese(file) && file !== GLOSSARY,
  );
  return files.flatMap(([file, text]) => {
    const prose = withoutLinkTargets(splitFences(text).prose);
    const words = withoutEnglishQuotes(withoutInlineCode(prose));
    const problems: Problem[] = [];
    for (const { use, avoid } of rules.words) {
      for (const word of avoid) {
        words.forEach((line, index) => {
          if (finds(word).test(line))
            problems.push({
              kind: 'term',
              file,
              line: index + 1,
              message: `"${word}": write ${use} (${GLOSSARY})`,
            });
        });
      }
    }
    for (const { english, console } of rules.names) {
      const named = prose.findIndex((line) => finds(english, true).test(line));
      if (named !== -1 && !words.some((line) => line.includes(console)))
        problems.push({
          kind: 'term',
          file,
          line: named + 1,
          message: `names ${english} but never ${console}, its name in the ASM console`,
        });
    }
    return problems;
  });
}
