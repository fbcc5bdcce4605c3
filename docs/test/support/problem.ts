// What every check reads (the repository as DocsInput) and what it returns (Problems).
import type { Cli } from './commands';

export type ProblemKind =
  | 'link'
  | 'anchor'
  | 'scenario'
  | 'flag'
  | 'profile'
  | 'script'
  | 'parity'
  | 'navigation'
  | 'issue'
  | 'line-break'
  | 'term';

export interface Problem {
  kind: ProblemKind;
  file: string;
  line: number;
  message: string;
}

/** Everything the checks look at. Paths are repository-relative with `/`. */
export interface DocsInput {
  /** The Markdown files to check: path → text. */
  markdown: Readonly<Record<string, string>>;
  /** Whether a path exists in the repository (file or directory). */
  exists(path: string): boolean;
  /** A file's text, for anchors in files outside `markdown`; undefined if unreadable. */
  read(path: string): string | undefined;
  /** Flags each CLI's `--help` lists. */
  cliFlags: Readonly<Record<Cli, ReadonlySet<string>>>;
  skaffoldProfiles: ReadonlySet<string>;
  npmScripts: ReadonlySet<string>;
}
