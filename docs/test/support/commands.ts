// Finds the command lines the docs show and what they ask of our tools: which CLI runs with which
// flags, which skaffold profiles and npm scripts they name. A small shell-word splitter, not a shell.
import { type CodeBlock, inlineCode, splitFences } from './markdown';

/** The CLIs whose `--help` the flags are checked against. */
export const CLIS = ['greeter-server', 'greeter-client', 'health-probe', 'lab'] as const;
export type Cli = (typeof CLIS)[number];

export interface CommandLine {
  /** One simple command: words between shell operators (`|`, `&&`, `;`). */
  words: string[];
  line: number;
  text: string;
}

export interface CliCall {
  cli: Cli;
  /** Words after the CLI (for `npm start`, after its `--`). */
  args: string[];
  /** Flags written between `npm start` and `--`: npm would take them, not the lab. */
  npmFlags: string[];
  line: number;
  text: string;
}

// Code that is not a command line: diagrams, manifests, program source, and `text`, which the docs
// use for what a command printed (a bench table's "greeter-server --access-log: 4059 rps" row).
const NOT_SHELL = new Set([
  'mermaid',
  'yaml',
  'yml',
  'json',
  'jsonc',
  'ts',
  'typescript',
  'js',
  'text',
]);
const OPERATORS = new Set(['|', '||', '&&', ';', '&']);

/** Splits one line into words: quotes group, `#` starts a comment, operators separate commands. */
function splitCommands(text: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | undefined;
  let quote: string | undefined;
  const finish = () => {
    if (word === undefined) return;
    if (OPERATORS.has(word)) commands.push([]);
    else commands[commands.length - 1].push(word);
    word = undefined;
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word = word ?? '';
    } else if (/\s/.test(c)) {
      finish();
    } else if (c === '#' && word === undefined) {
      break;
    } else {
      word = (word ?? '') + c;
    }
  }
  finish();
  return commands.filter((words) => words.length > 0);
}

/** Shell code blocks joined at trailing backslashes, one entry per physical command line. */
function shellLines(block: CodeBlock): { text: string; line: number }[] {
  const result: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  block.lines.forEach((raw, index) => {
    const text = raw.replace(/^\s*\$ /, '');
    const continued = /\\\s*$/.test(text);
    const piece = text.replace(/\\\s*$/, ' ');
    pending = pending
      ? { ...pending, text: pending.text + piece }
      : { text: piece, line: block.line + index };
    if (!continued) {
      result.push(pending);
      pending = undefined;
    }
  });
  if (pending) result.push(pending);
  return result;
}

/** Every command line shown in shell code blocks and inline code spans. */
export function commandLines(markdown: string): CommandLine[] {
  const { prose, blocks } = splitFences(markdown);
  const lines = [
    ...blocks.filter((b) => !NOT_SHELL.has(b.lang)).flatMap(shellLines),
    ...inlineCode(prose),
  ];
  return lines.flatMap(({ text, line }) =>
    splitCommands(text).map((words) => ({ words, line, text: text.trim() })),
  );
}

function cliOf(word: string): Cli | undefined {
  // `--set client.image.repository=$REGISTRY/greeter-client` names an image, not a program.
  if (word.includes('=')) return undefined;
  const is = (name: string) => word === name || word.endsWith(`/${name}`);
  if (is('greeter-server') || word.endsWith('dist/apps/greeter-server/main.js'))
    return 'greeter-server';
  if (is('greeter-client') || word.endsWith('dist/apps/greeter-client/main.js'))
    return 'greeter-client';
  if (is('grpc_health_probe') || word.endsWith('dist/apps/health-probe/main.js'))
    return 'health-probe';
  if (word.endsWith('dist/apps/lab/main.js')) return 'lab';
  return undefined;
}

/** The call of one of our CLIs in a command line, if it has one. */
export function cliCall(command: CommandLine): CliCall | undefined {
  const { words, line, text } = command;
  const npmStart = words.findIndex(
    (w, i) =>
      w === 'npm' &&
      (words[i + 1] === 'start' || (words[i + 1] === 'run' && words[i + 2] === 'start')),
  );
  if (npmStart !== -1) {
    const rest = words.slice(npmStart + (words[npmStart + 1] === 'run' ? 3 : 2));
    const dashes = rest.indexOf('--');
    const before = dashes === -1 ? rest : rest.slice(0, dashes);
    return {
      cli: 'lab',
      args: dashes === -1 ? [] : rest.slice(dashes + 1),
      npmFlags: before.filter(isFlag),
      line,
      text,
    };
  }
  // In `nx run-many -p greeter-server …` the names are Nx projects, and the flags are Nx's.
  if (words.includes('nx')) return undefined;
  const at = words.findIndex((w) => cliOf(w) !== undefined);
  if (at === -1) return undefined;
  return { cli: cliOf(words[at]) as Cli, args: words.slice(at + 1), npmFlags: [], line, text };
}

function isFlag(word: string): boolean {
  return /^--?[A-Za-z]/.test(word);
}

/** `--max-connection-age=1s` → `max-connection-age`; `-addr=:8080` → `addr`. */
export function flagName(word: string): string {
  return word.replace(/^--?/, '').split('=')[0];
}

/** Flag words in a CLI's arguments (values and positionals left out). */
export function flagsOf(call: CliCall): string[] {
  return call.args.filter(isFlag);
}

/** Values given to a flag, as `--flag value` or `--flag=value`. */
export function flagValues(args: readonly string[], flag: string): string[] {
  return args.flatMap((word, i) => {
    if (word.startsWith(`--${flag}=`) || word.startsWith(`-${flag}=`))
      return [word.slice(word.indexOf('=') + 1)];
    if (word === `--${flag}` || word === `-${flag}`) {
      const next = args[i + 1];
      return next !== undefined && !isFlag(next) ? [next] : [];
    }
    return [];
  });
}

/** A value that stands for "fill this in" (`<profile>`, `…`) rather than a real name. */
export function isPlaceholder(value: string): boolean {
  return /[<>…]|\.\.\./.test(value);
}

/** Profiles named by `skaffold … -p X` / `--profile X` (comma lists split). */
export function skaffoldProfiles(command: CommandLine): string[] {
  const at = command.words.indexOf('skaffold');
  if (at === -1) return [];
  const args = command.words.slice(at + 1);
  return [...flagValues(args, 'p'), ...flagValues(args, 'profile')].flatMap((v) => v.split(','));
}

/** Scripts named by `npm run X`, `npm start`, `npm test`. */
export function npmScripts(command: CommandLine): string[] {
  const { words } = command;
  return words.flatMap((w, i) => {
    if (w !== 'npm') return [];
    const sub = words[i + 1];
    if (sub === 'run' || sub === 'run-script') return words[i + 2] ? [words[i + 2]] : [];
    if (sub === 'start' || sub === 'test' || sub === 'stop') return [sub];
    if (sub === 't') return ['test'];
    return [];
  });
}

/**
 * Flags a `--help` text offers: the `--name` (and `-x` short alias) at the start of each option
 * line, in yargs' layout.
 */
export function helpFlags(help: string): Set<string> {
  const flags = new Set<string>();
  for (const line of help.split('\n')) {
    const m = /^\s+(?:-(\w),\s+)?--([\w-]+)/.exec(line);
    if (!m) continue;
    if (m[1]) flags.add(m[1]);
    flags.add(m[2]);
  }
  return flags;
}
