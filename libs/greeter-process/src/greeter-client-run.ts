import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { builtApp } from './built-app';
import type { ClientLine, ClientResult, FailureLine, ReplyLine } from './client-protocol';
import type { ProcessRegistry } from './process-registry';

export interface GreeterClientOptions {
  env?: NodeJS.ProcessEnv;
  /** The Node binary that runs it; default: the one running this process. */
  node?: string;
  /** Tracks the client, so Ctrl-C or a test's cleanup stops it. */
  registry?: ProcessRegistry;
  /** Aborting stops the client (a live run ends or switches scenario). */
  signal?: AbortSignal;
  /** A run that outlives this is stuck, not slow: the client is killed. */
  timeoutMs?: number;
  /** Told the process once it runs (the live view counts its connections, a test waits for it). */
  onSpawn?: (child: ChildProcess) => void;
  /** Each call as it ends (not with --quiet). */
  onReply?: (reply: ReplyLine) => void;
  onFailure?: (failure: FailureLine) => void;
}

export interface GreeterClientRun {
  exitCode: number | null;
  /** The final `result` line; undefined when the client ended without one (killed, bad flags). */
  result?: ClientResult;
  /** Its diagnostics: flag errors, the failed-call lines, an unmet --expect. */
  stderr: string;
}

/**
 * Runs the built greeter-client with `--json` plus `args`, reading its JSON Lines as they come. The
 * only place anything starts a greeter-client; the tests of the client itself run it bare.
 */
export function runGreeterClient(
  args: readonly string[],
  options: GreeterClientOptions = {},
): Promise<GreeterClientRun> {
  const child = spawn(
    options.node ?? process.execPath,
    [builtApp('greeter-client'), '--json', ...args],
    {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
    },
  );
  options.registry?.trackChild(child);
  const timer = options.timeoutMs && setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  let result: ClientResult | undefined;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = parseLine(text);
    if (!line) stderr += `${text}\n`;
    else if (line.event === 'reply') options.onReply?.(line);
    else if (line.event === 'failure') options.onFailure?.(line);
    else {
      const { event: _, ...rest } = line;
      result = rest;
    }
  });
  options.onSpawn?.(child);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => (error.name === 'AbortError' ? undefined : reject(error)));
    child.on('close', (exitCode) => {
      clearTimeout(timer || undefined);
      resolve({ exitCode, result, stderr });
    });
  });
}

function parseLine(text: string): ClientLine | undefined {
  try {
    const line = JSON.parse(text) as ClientLine;
    return typeof line?.event === 'string' ? line : undefined;
  } catch {
    return undefined;
  }
}
