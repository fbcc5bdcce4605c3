// Go-style command lines as rendered into pod specs: `--name=value`, `--name value`, `-name=value`.

/** The value of flag `name` in a rendered command line, or undefined when it is not there. */
export function flagValue(args: readonly string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i += 1) {
    const match = /^--?([^=]+)(?:=(.*))?$/.exec(args[i]);
    if (!match || match[1] !== name) continue;
    if (match[2] !== undefined) return match[2];
    const next = args[i + 1];
    return next !== undefined && !next.startsWith('-') ? next : 'true';
  }
  return undefined;
}

/** The command line without flag `name` (and its separate value, if it had one). */
export function withoutFlag(args: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const match = /^--?([^=]+)(=.*)?$/.exec(args[i]);
    if (match && match[1] === name) {
      const next = args[i + 1];
      if (match[2] === undefined && next !== undefined && !next.startsWith('-')) i += 1;
      continue;
    }
    out.push(args[i]);
  }
  return out;
}
