import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { ServerResponse } from 'node:http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The page's built files (the lab's `build-ui` target): dist/apps/lab/ui beside the bundled
 * dist/apps/lab/main.js, or the workspace's dist/ when these modules run from source (tests).
 */
export function findPageDir(): string {
  const candidates = [resolve(__dirname, 'ui'), resolve(__dirname, '../../../../dist/apps/lab/ui')];
  const dir = candidates.find((candidate) => existsSync(join(candidate, 'index.html')));
  if (!dir)
    throw new Error(`${candidates[0]}/index.html not found: build it first (npx nx build lab)`);
  return dir;
}

/**
 * Sends one file of the page. The build output is one flat folder, so a name is one path segment
 * of known type: nothing else (`..`, sub-folders) can reach the disk.
 */
export async function sendPageFile(
  dir: string,
  urlPath: string,
  response: ServerResponse,
): Promise<void> {
  const name = urlPath === '/' ? 'index.html' : urlPath.slice(1);
  const type = CONTENT_TYPES[extname(name)];
  const body =
    /^[\w.-]+$/.test(name) && type
      ? await readFile(join(dir, name)).catch(() => undefined)
      : undefined;
  if (!body) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' }).end(body);
}
