// Just enough Markdown for checking docs: fenced code blocks, inline code, headings (with the
// anchors GitHub gives them), link targets, sections and tables. Pure functions over text; line
// numbers are 1-based. Hand-written rather than a Markdown parser because every check needs the
// source line of what it reports and the prose with its code blanked in place, which these give
// directly; the docs use only this much Markdown.

import { posix } from 'node:path';

export interface CodeBlock {
  /** The info string's first word (`sh`, `mermaid`, ...), lower-cased; '' when absent. */
  lang: string;
  /** Line number of the first line inside the fence. */
  line: number;
  lines: string[];
}

export interface Snippet {
  text: string;
  line: number;
}

export interface Heading {
  level: number;
  text: string;
  line: number;
}

const FENCE = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/;

/**
 * Splits Markdown into prose lines (fenced code replaced by empty lines, so line numbers stay
 * true) and the fenced blocks themselves.
 */
export function splitFences(markdown: string): { prose: string[]; blocks: CodeBlock[] } {
  const prose: string[] = [];
  const blocks: CodeBlock[] = [];
  let open: { marker: string; block: CodeBlock } | undefined;
  markdown.split('\n').forEach((text, index) => {
    const fence = FENCE.exec(text);
    if (open) {
      prose.push('');
      const closes =
        fence && fence[1][0] === open.marker[0] && fence[1].length >= open.marker.length;
      if (closes && fence[2] === '') open = undefined;
      else open.block.lines.push(text);
      return;
    }
    if (fence) {
      const block = { lang: fence[2].toLowerCase(), line: index + 2, lines: [] };
      blocks.push(block);
      open = { marker: fence[1], block };
      prose.push('');
      return;
    }
    prose.push(text);
  });
  return { prose, blocks };
}

const INLINE_CODE = /(`+)(.+?)\1/g;

/** Inline code spans in prose, with their line. */
export function inlineCode(prose: readonly string[]): Snippet[] {
  return prose.flatMap((text, index) =>
    [...text.matchAll(INLINE_CODE)].map((m) => ({ text: m[2].trim(), line: index + 1 })),
  );
}

/** Prose lines with inline code blanked out (links inside code are not links). */
export function withoutInlineCode(prose: readonly string[]): string[] {
  return prose.map((text) => text.replace(INLINE_CODE, (m) => ' '.repeat(m.length)));
}

/** ATX headings (`## Title`) outside code blocks. */
export function headings(markdown: string): Heading[] {
  return splitFences(markdown).prose.flatMap((text, index) => {
    const m = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(text);
    return m ? [{ level: m[1].length, text: m[2], line: index + 1 }] : [];
  });
}

/** A heading's visible text: link targets, code ticks, emphasis marks and HTML tags dropped. */
function renderedText(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '');
}

/**
 * The anchor GitHub generates for a heading (github-slugger): lower case, punctuation and symbols
 * removed (letters of any script, digits, `_` and `-` stay), each space becomes `-`.
 */
export function slugify(heading: string): string {
  return renderedText(heading)
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a file offers; repeated headings get `-1`, `-2`... as on GitHub. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const heading of headings(markdown)) {
    const base = slugify(heading.text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

const INLINE_LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+["'(][^)]*)?\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/;

/** Targets of inline links, images and reference definitions in prose (not in code). */
export function linkTargets(markdown: string): Snippet[] {
  const prose = withoutInlineCode(splitFences(markdown).prose);
  return prose.flatMap((text, index) => {
    const definition = REFERENCE_DEFINITION.exec(text);
    if (definition) return [{ text: definition[1], line: index + 1 }];
    return [...text.matchAll(INLINE_LINK)].map((m) => ({ text: m[1], line: index + 1 }));
  });
}

const LINK_PARTS = /(!?\[[^\]]*\])\(([^)]*)\)/g;

/** Where a relative link from `file` points, or undefined for external and same-page links. */
export function resolveLink(
  file: string,
  target: string,
): { path: string; anchor?: string } | undefined {
  if (isExternal(target)) return undefined;
  const [rawPath, anchor] = target.split('#', 2) as [string, string | undefined];
  const path = rawPath
    ? posix.normalize(posix.join(posix.dirname(file), decodeURI(rawPath))).replace(/\/$/, '')
    : file;
  return { path, anchor: anchor || undefined };
}

/** A link target with a scheme (`https:`, `mailto:`) points out of the repository. */
export function isExternal(target: string): boolean {
  return /^\s*<?[a-z][a-z0-9+.-]*:/i.test(target);
}

/** Prose lines with every link's target blanked out: what a reader sees of the links. */
export function withoutLinkTargets(prose: readonly string[]): string[] {
  return prose.map((text) =>
    text.replace(
      LINK_PARTS,
      (_m, label: string, target: string) => `${label}(${' '.repeat(target.length)})`,
    ),
  );
}

/** Prose lines with links out of the repository blanked whole, text and target. */
export function withoutExternalLinks(prose: readonly string[]): string[] {
  return prose.map((text) =>
    text.replace(LINK_PARTS, (m, _label: string, target: string) =>
      isExternal(target) ? ' '.repeat(m.length) : m,
    ),
  );
}

/**
 * The markdown of the section under the heading with this text (up to the next heading of the
 * same or a higher level), every other line blanked so line numbers stay true; undefined if no
 * heading has this text.
 */
export function section(markdown: string, heading: string): string | undefined {
  const all = headings(markdown);
  const start = all.find((h) => renderedText(h.text).trim() === heading);
  if (!start) return undefined;
  const end = all.find((h) => h.line > start.line && h.level <= start.level)?.line ?? Infinity;
  return markdown
    .split('\n')
    .map((text, index) => (index + 1 >= start.line && index + 1 < end ? text : ''))
    .join('\n');
}

export interface TableRow {
  cells: string[];
  line: number;
}

export interface Table {
  header: TableRow;
  rows: TableRow[];
}

/** `| a | `b|c` | d \| e |` → ['a', '`b|c`', 'd \| e']: pipes in code spans or escaped stay. */
function tableCells(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let code = false;
  const body = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (c === '`') code = !code;
    if (c === '|' && !code && body[i - 1] !== '\\') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

const TABLE_LINE = /^\s*\|/;
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** GFM tables in prose: a header row, a delimiter row, then rows until a line that is not one. */
export function tables(markdown: string): Table[] {
  const prose = splitFences(markdown).prose;
  const result: Table[] = [];
  for (let i = 0; i + 1 < prose.length; i += 1) {
    if (!TABLE_LINE.test(prose[i]) || !DELIMITER_ROW.test(prose[i + 1])) continue;
    if (i > 0 && TABLE_LINE.test(prose[i - 1])) continue;
    const table: Table = { header: { cells: tableCells(prose[i]), line: i + 1 }, rows: [] };
    let j = i + 2;
    for (; j < prose.length && TABLE_LINE.test(prose[j]); j += 1)
      table.rows.push({ cells: tableCells(prose[j]), line: j + 1 });
    result.push(table);
    i = j - 1;
  }
  return result;
}
