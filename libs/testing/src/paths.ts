import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const workspaceRoot = resolve(__dirname, '../../..');

/** Path of a built app; the test targets depend on the builds, so a miss is a wiring bug. */
export function distMain(
  app: 'greeter-server' | 'greeter-client' | 'health-probe' | 'lab',
): string {
  const main = join(workspaceRoot, 'dist/apps', app, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npx nx run ${app}:build" first`);
  return main;
}
