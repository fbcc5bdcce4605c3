import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The lab runs the real apps, built next to it: dist/apps/lab/main.js sits beside
 * dist/apps/greeter-server/main.js and dist/apps/greeter-client/main.js. When the lab's modules run
 * from source (its tests), the same files are found under the workspace's dist/. The bench's helper
 * servers are the lab's own extra entry points.
 */
export function builtApp(
  app: 'greeter-server' | 'greeter-client' | 'lab',
  file: 'main.js' | 'bench/http2-ceiling-server.js' = 'main.js',
): string {
  const candidates = [
    resolve(__dirname, '..', app, file),
    resolve(__dirname, '../../../dist/apps', app, file),
  ];
  const main = candidates.find((file) => existsSync(file));
  if (!main) {
    throw new Error(
      `${candidates[0]} not found: build it first (npx nx run-many -t build -p ${app} lab)`,
    );
  }
  return main;
}
