import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The lab runs the real apps, built next to it: dist/apps/lab/main.js sits beside
 * dist/apps/greeter-server/main.js and dist/apps/greeter-client/main.js.
 */
export function builtApp(app: 'greeter-server' | 'greeter-client'): string {
  const main = resolve(__dirname, '..', app, 'main.js');
  if (!existsSync(main)) {
    throw new Error(`${main} not found: build it first (npx nx run-many -t build -p ${app} lab)`);
  }
  return main;
}
