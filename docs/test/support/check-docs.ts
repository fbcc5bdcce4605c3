// The docs check: pure functions from Markdown (plus what the repository offers) to a list of
// problems. The spec for the real repository feeds it files, `--help` texts, skaffold profiles
// and npm scripts; the checker's own spec feeds it small synthetic Markdown.
import { checkLineBreaks, checkTerms } from './chinese';
import {
  cliCall,
  commandLines,
  flagName,
  flagsOf,
  flagValues,
  isPlaceholder,
  npmScripts,
  skaffoldProfiles,
} from './commands';
import { checkIssueNumbers } from './issue-numbers';
import { anchors, linkTargets, resolveLink } from './markdown';
import { checkNavigation, checkParity, checkReadingOrder } from './pages';
import type { DocsInput, Problem, ProblemKind } from './problem';

export { type DocsInput, type Problem, type ProblemKind } from './problem';
export { checkNavigation, checkParity, checkReadingOrder, LANGUAGES, readingOrder } from './pages';
export { checkLineBreaks, checkTerms } from './chinese';
export { checkIssueNumbers } from './issue-numbers';

export const CHART_SCENARIOS = 'charts/grpc-greeter/scenarios';

function textOf(input: DocsInput, path: string): string | undefined {
  return input.markdown[path] ?? input.read(path);
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

/** All checks. */
export function checkDocs(input: DocsInput): Problem[] {
  return [
    ...checkLinks(input),
    ...checkScenarios(input),
    ...checkCommands(input),
    ...checkReadingOrder(input),
    ...checkParity(input),
    ...checkNavigation(input),
    ...checkIssueNumbers(input),
    ...checkLineBreaks(input),
    ...checkTerms(input),
  ];
}

/** `docs/en/x.md:12: message`, for readable test failures. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}
