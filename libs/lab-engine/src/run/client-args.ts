import { flagValue, type LabWorld, withoutFlag } from '@grpc-greeter/manifests';

/**
 * The rendered client's flags (the helm test pod's), pointed at what the lab put in front of the
 * pods, less the flags named in `without` (a run that judges or paces the calls itself).
 */
export function clientArgs(
  world: LabWorld,
  target: string,
  repeat: number,
  without: readonly string[] = [],
): string[] {
  const insecure = flagValue(world.client.args, 'insecure') === undefined ? ['--insecure'] : [];
  const rendered = without.reduce((args, name) => withoutFlag(args, name), world.client.args);
  return [...insecure, ...rendered, `--address=${target}`, `--repeat=${repeat}`];
}
