import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The apps Nx builds into dist/apps/<app>/ that something here runs as a process. */
export type BuiltApp =
  'greeter-server' | 'greeter-client' | 'health-probe' | 'lab' | 'lab-bench' | 'sidecar-stand-in';

/**
 * Where a built app's file is. A bundled app runs the others built next to it
 * (dist/apps/lab/main.js beside dist/apps/greeter-client/main.js); code running from source (tests,
 * tsx) finds them under the workspace's dist/. The one lookup for the lab, the bench and the tests.
 */
export function builtApp(app: BuiltApp, file = 'main.js'): string {
  const candidates = [
    resolve(__dirname, '..', app, file),
    resolve(__dirname, '../../../dist/apps', app, file),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(`${candidates[1]} not found: build it first (npx nx run ${app}:build)`);
  }
  return found;
}
