import { accessSync, constants } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { workspaceRoot } from './paths';

/**
 * The one switch for which Node runs the built apps the tests start: a path (absolute, or relative
 * to the workspace root). The `test-node24` targets point it at the Node 24 the images run
 * (nx.json); unset, the apps run on the Node that runs Jest.
 */
export const APP_NODE_ENV = 'GREETER_APP_NODE';

let checked: string | undefined;

/** The Node binary for spawned apps; fails loudly rather than fall back to another runtime. */
export function appNode(): string {
  const chosen = process.env[APP_NODE_ENV];
  if (!chosen) return process.execPath;
  const path = isAbsolute(chosen) ? chosen : resolve(workspaceRoot, chosen);
  if (checked === path) return path;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `${APP_NODE_ENV}=${chosen}: no executable at ${path} (the testing:node24 target installs it)`,
    );
  }
  checked = path;
  return path;
}
