// The docs check: pure functions from Markdown (plus what the repository offers) to a list of
// problems. The spec for the real repository feeds it files, `--help` texts, skaffold profiles
// and npm scripts; the checker's own spec feeds it small synthetic Markdown.
import { posix } from 'node:path';
import {
  type Cli,
  cliCall,
  commandLines,
  flagName,
  flagsOf,
  flagValues,
  isPlaceholder,
  npmScripts,
  skaffoldProfiles,
} from './commands';
import { anchors, headings, linkTargets } from './markdown';

export type ProblemKind =
  'link' | 'anchor' | 'scenario' | 'flag' | 'profile' | 'script' | 'parity' | 'navigation';

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

export const CHART_SCENARIOS = 'charts/grpc-greeter/scenarios';
/** The seven pages, in reading order; docs/en and docs/zh both have exactly these. */
export const PAGES = [
  'why-one-pod.md',
  'cluster-walkthrough.md',
  'lab-walkthrough.md',
  'fixes-compared.md',
  'when-the-world-changes.md',
  'troubleshooting.md',
  'architecture.md',
] as const;
export const LANGUAGES = ['en', 'zh'] as const;

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

function textOf(input: DocsInput, path: string): string | undefined {
  return input.markdown[path] ?? input.read(path);
}

/** Where a relative link from `file` points, or undefined for external and same-page links. */
function resolveLink(file: string, target: string): { path: string; anchor?: string } | undefined {
  if (EXTERNAL.test(target)) return undefined;
  const [rawPath, anchor] = target.split('#', 2) as [string, string | undefined];
  const path = rawPath
    ? posix.normalize(posix.join(posix.dirname(file), decodeURI(rawPath))).replace(/\/$/, '')
    : file;
  return { path, anchor: anchor || undefined };
}

/** Every relative link resolves to a file or folder; every `#anchor` to a heading there. */
export function checkLinks(input: DocsInput): Problem[] {
  return Object.entries(input.markdown).flatMap(([file, text]) =>
    linkTargets(text).flatMap(({ text: target, line }): Problem[] => {
      const link = resolveLink(file, target);
      if (!link) return [];
      if (link.path.startsWith('..') || !input.exists(link.path)) {
        return [{ kind: 'link', file, line, message: `${target}: ${link.path} does not exist` }];
      }
      if (!link.anchor) return [];
      const targetText = /\.md$/i.test(link.path) ? textOf(input, link.path) : undefined;
      if (targetText === undefined) {
        return [{ kind: 'anchor', file, line, message: `${target}: ${link.path} has no headings` }];
      }
      if (anchors(targetText).has(link.anchor.toLowerCase())) return [];
      return [
        {
          kind: 'anchor',
          file,
          line,
          message: `${target}: no heading in ${link.path} has the anchor #${link.anchor}`,
        },
      ];
    }),
  );
}

const SCENARIO_PATH = /(?<![\w/.-])(?:charts\/grpc-greeter\/)?scenarios\/([\w.-]+\.ya?ml)/g;

/**
 * Every scenario file the text names exists: `charts/grpc-greeter/scenarios/<x>.yaml` anywhere
 * (code included) and the lab's `--scenario <name>`.
 */
export function checkScenarios(input: DocsInput): Problem[] {
  return Object.entries(input.markdown).flatMap(([file, text]) => {
    const named = text
      .split('\n')
      .flatMap((line, index) =>
        [...line.matchAll(SCENARIO_PATH)].map((m) => ({ name: m[1], line: index + 1 })),
      );
    const fromLab = commandLines(text).flatMap((command) => {
      const call = cliCall(command);
      if (call?.cli !== 'lab') return [];
      return flagValues(call.args, 'scenario')
        .flatMap((value) => value.split(','))
        .filter((value) => value && !value.includes('/') && !isPlaceholder(value))
        .map((value) => ({
          name: /\.ya?ml$/.test(value) ? value : `${value}.yaml`,
          line: command.line,
        }));
    });
    return [...named, ...fromLab]
      .filter(({ name }) => !input.exists(`${CHART_SCENARIOS}/${name}`))
      .map(({ name, line }) => ({
        kind: 'scenario' as const,
        file,
        line,
        message: `${CHART_SCENARIOS}/${name} does not exist`,
      }));
  });
}

/**
 * Command lines use only what exists: each CLI flag is in that CLI's `--help`, lab flags come
 * after `npm start --`, skaffold profiles are in skaffold.yaml, npm scripts in package.json.
 */
export function checkCommands(input: DocsInput): Problem[] {
  return Object.entries(input.markdown).flatMap(([file, text]) =>
    commandLines(text).flatMap((command): Problem[] => {
      const at = (kind: ProblemKind, message: string): Problem => ({
        kind,
        file,
        line: command.line,
        message: `${message} in: ${command.text}`,
      });
      const problems: Problem[] = [];
      const call = cliCall(command);
      if (call) {
        const known = input.cliFlags[call.cli];
        for (const flag of flagsOf(call)) {
          const name = flagName(flag);
          const negated = name.startsWith('no-') && known.has(name.slice(3));
          if (!known.has(name) && !negated)
            problems.push(at('flag', `${call.cli} has no flag ${flag} (not in its --help)`));
        }
        for (const flag of call.npmFlags)
          problems.push(at('flag', `${flag} goes to npm, not the lab: write npm start -- ${flag}`));
      }
      for (const profile of skaffoldProfiles(command)) {
        if (!isPlaceholder(profile) && !input.skaffoldProfiles.has(profile))
          problems.push(at('profile', `skaffold.yaml has no profile ${profile}`));
      }
      for (const script of npmScripts(command)) {
        if (!input.npmScripts.has(script))
          problems.push(at('script', `package.json has no script ${script}`));
      }
      return problems;
    }),
  );
}

/** docs/en and docs/zh hold the same seven pages with the same number of `##` headings. */
export function checkParity(input: DocsInput): Problem[] {
  const problems: Problem[] = [];
  for (const page of PAGES) {
    const [en, zh] = LANGUAGES.map((lang) => `docs/${lang}/${page}`);
    const missing = [en, zh].filter((path) => input.markdown[path] === undefined);
    for (const path of missing)
      problems.push({ kind: 'parity', file: path, line: 0, message: `${path} is missing` });
    if (missing.length > 0) continue;
    const count = (path: string) =>
      headings(input.markdown[path]).filter((h) => h.level === 2).length;
    if (count(en) !== count(zh)) {
      problems.push({
        kind: 'parity',
        file: zh,
        line: 0,
        message: `${en} has ${count(en)} level-2 headings, ${zh} has ${count(zh)}`,
      });
    }
  }
  return problems;
}

/**
 * Each page links to the page before and after it, to the same page in the other language, and
 * to at least one file outside docs/ (the code it talks about).
 */
export function checkNavigation(input: DocsInput): Problem[] {
  return LANGUAGES.flatMap((lang) =>
    PAGES.flatMap((page, index) => {
      const file = `docs/${lang}/${page}`;
      const text = input.markdown[file];
      if (text === undefined) return [];
      const targets = linkTargets(text)
        .map(({ text: target }) => resolveLink(file, target)?.path)
        .filter((path): path is string => path !== undefined);
      const other = LANGUAGES.find((l) => l !== lang);
      const wanted = [
        index > 0 ? `docs/${lang}/${PAGES[index - 1]}` : undefined,
        index < PAGES.length - 1 ? `docs/${lang}/${PAGES[index + 1]}` : undefined,
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

/** All checks. */
export function checkDocs(input: DocsInput): Problem[] {
  return [
    ...checkLinks(input),
    ...checkScenarios(input),
    ...checkCommands(input),
    ...checkParity(input),
    ...checkNavigation(input),
  ];
}

/** `docs/en/x.md:12: message`, for readable test failures. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
