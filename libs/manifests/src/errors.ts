/** A problem with the input manifests: one line naming the source and what is wrong. */
export class ManifestError extends Error {
  constructor(source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = 'ManifestError';
  }
}
