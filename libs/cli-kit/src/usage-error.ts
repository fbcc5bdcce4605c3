/** A mistake in the command line: reported in one line, with the CLI's "bad flags" exit code. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
