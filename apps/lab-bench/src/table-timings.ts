// When the lab's streamed table reached its reader: the header, each row, as the bench reads its
// stdout off a terminal (plain lines: a blank line, the header, a rule of dashes, one line per row
// as it is done, a blank line, then what goes under the table).

export interface TableTimings {
  /** ms since the lab started when the header line came; NaN until it does. */
  headerMs: number;
  /** ms since the lab started of each row, in the table's order. */
  rowsMs: number[];
}

/** Feeds the lab's stdout lines, each with the time it came; read `timings` when the lab is done. */
export function tableTimer(): { line(text: string, atMs: number): void; timings: TableTimings } {
  const timings: TableTimings = { headerMs: Number.NaN, rowsMs: [] };
  let state: 'before' | 'header' | 'rows' | 'after' = 'before';
  return {
    timings,
    line(text, atMs) {
      if (state === 'before' && /^scenario\s+path\s/.test(text)) {
        timings.headerMs = atMs;
        state = 'header';
      } else if (state === 'header' && /^-+\s/.test(text)) state = 'rows';
      else if (state === 'rows' && text.trim() === '') state = 'after';
      else if (state === 'rows') timings.rowsMs.push(atMs);
    },
  };
}
