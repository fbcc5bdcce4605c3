// Just enough Markdown for checking docs: fenced code blocks, inline code, headings (with the
// anchors GitHub gives them) and link targets. Pure functions over text; line numbers are 1-based.

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
function withoutInlineCode(prose: readonly string[]): string[] {
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
