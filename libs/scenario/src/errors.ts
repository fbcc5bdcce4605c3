/**
 * Why a scenario could not be loaded, as one line the lab can print and exit on:
 * `<file>: <key> <problem>`. `key` is the dotted values path (absent for file-level problems).
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';

  constructor(
    readonly file: string,
    readonly problem: string,
    readonly key?: string,
  ) {
    super(`${file}: ${key ? `${key} ` : ''}${problem}`.replace(/\s*\n\s*/g, ' '));
  }
}
