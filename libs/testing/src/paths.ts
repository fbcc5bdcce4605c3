import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const workspaceRoot = resolve(__dirname, '../../..');

export type App = 'greeter-server' | 'greeter-client' | 'health-probe' | 'lab';

/** Path of a built app; the test targets depend on the builds, so a miss is a wiring bug. */
export function distMain(app: App): string {
  const main = join(workspaceRoot, 'dist/apps', app, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npx nx run ${app}:build" first`);
  return main;
}
