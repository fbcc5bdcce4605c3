import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { builtApp } from './built-app';
import type { ClientResult } from './client-result';
import type { ProcessRegistry } from './process-registry';

export type { ClientResult };

export interface ClientRun {
  exitCode: number | null;
  result?: ClientResult;
  stderr: string;
}

/**
 * Runs the real greeter-client with `--json`: its tutorial lines arrive on stderr (handed to onLine
 * as they come) and the JSON result on stdout.
 */
export function runClient(
  args: readonly string[],
  options: {
    registry: ProcessRegistry;
    env?: NodeJS.ProcessEnv;
    onLine?: (line: string) => void;
    onOtherLine?: (line: string) => void;
    /** Aborting stops the client (a live run ends or switches scenario). */
    signal?: AbortSignal;
    /** Told the client's pid once it runs (--watch counts that process's connections). */
    onSpawn?: (pid: number) => void;
  },
): Promise<ClientRun> {
  const child = spawn(process.execPath, [builtApp('greeter-client'), '--json', ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    signal: options.signal,
  });
  options.registry.trackChild(child);
  if (child.pid !== undefined) options.onSpawn?.(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (/ from \S+$/.test(line)) options.onLine?.(line);
    else {
      stderr += `${line}\n`;
      options.onOtherLine?.(line);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', (error) => (error.name === 'AbortError' ? undefined : reject(error)));
    child.on('close', (exitCode) => {
      let result: ClientResult | undefined;
      try {
        result = stdout.trim() ? (JSON.parse(stdout) as ClientResult) : undefined;
      } catch {
        result = undefined;
      }
      resolve({ exitCode, result, stderr });
    });
  });
}
