import yargs, { type Argv } from 'yargs';
import { UsageError } from './usage-error';

/**
 * A yargs parser that reads flags the way Go's `flag` package does, so the tutorial's command lines
 * work verbatim: `-addr=:8080` and `--addr :8080` are the same flag (no short-option groups), names are
 * kept as written, and booleans take `--insecure`, `--insecure=true` or `--insecure=false`.
 * Parse failures become UsageError instead of yargs printing and exiting on its own.
 */
export function goFlagParser(argv: string[], scriptName: string): Argv {
  return yargs(argv)
    .scriptName(scriptName)
    .parserConfiguration({
      'short-option-groups': false,
      'camel-case-expansion': false,
      'dot-notation': false,
      'duplicate-arguments-array': false,
      'strip-aliased': true,
      // Go has no --no-<flag> negation; `--no-such-flag` must be an unknown flag, not "such-flag=false".
      'boolean-negation': false,
    })
    .strict()
    .version(false)
    .help('help')
    .alias('help', 'h')
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs spreads some messages over lines; a CLI error is one line.
      const text = message ?? error?.message ?? 'invalid command line';
      throw new UsageError(text.replace(/\s*\n\s*/g, ' '));
    });
}

const GO_TRUE = /^(1|t|T|true|TRUE|True)$/;
const GO_FALSE = /^(0|f|F|false|FALSE|False)$/;

/** The spellings Go's strconv.ParseBool accepts; undefined for anything else. */
function parseGoBoolean(text: string): boolean | undefined {
  if (GO_TRUE.test(text)) return true;
  if (GO_FALSE.test(text)) return false;
  return undefined;
}

/**
 * yargs reads `--insecure=maybe` as false; Go rejects it. Check the raw words before parsing so a
 * typo in a boolean is an error rather than a silently different mode.
 */
export function rejectInvalidBooleans(argv: string[], booleanFlags: readonly string[]): string[] {
  return argv.map((word) => {
    const match = /^--?([^=]+)=(.*)$/.exec(word);
    if (!match || !booleanFlags.includes(match[1])) return word;
    const value = parseGoBoolean(match[2]);
    if (value === undefined) {
      throw new UsageError(`--${match[1]}: invalid boolean value "${match[2]}"`);
    }
    return `--${match[1]}=${value}`;
  });
}

/**
 * A boolean from the environment, read as Go reads one: unset or empty is `fallback`, a typo is an
 * error naming the variable (so `ACCESS_LOG=yes` does not silently mean false).
 */
export function booleanFromEnv(env: NodeJS.ProcessEnv, name: string, fallback = false): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = parseGoBoolean(raw);
  if (value === undefined) throw new UsageError(`${name}: invalid boolean value "${raw}"`);
  return value;
}
