import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { runProcess } from '@grpc-greeter/greeter-process';

/** The folder holding nx.json: the bench runs from dist/apps/lab, its tests from apps/lab/src. */
export function workspaceRoot(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
  }
  throw new Error(`no nx.json above ${from}`);
}

/** The first executable `name` on PATH, then in `extraDirs`; undefined if none. */
export function findExecutable(
  name: string,
  extraDirs: readonly string[] = [],
): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Where `go install` puts binaries: GOBIN, else GOPATH's first entry + /bin. */
export async function goBinDir(go: string): Promise<string> {
  const result = await runProcess(go, ['env', 'GOBIN', 'GOPATH']);
  if (result.code !== 0) throw new Error(`go env failed: ${result.stderr.trim()}`);
  const [gobin, gopath] = result.stdout.split('\n').map((line) => line.trim());
  return gobin || join(gopath.split(delimiter)[0], 'bin');
}

/** "0-1,4" (the kernel's CPU list format) → [0, 1, 4]. */
export function parseCpuList(list: string): number[] {
  return list
    .trim()
    .split(',')
    .filter(Boolean)
    .flatMap((part) => {
      const [from, to = from] = part.split('-').map(Number);
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    });
}

/** The CPUs this process may run on (Linux), the set `taskset -c` can pin children within. */
export function allowedCpus(): number[] {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /^Cpus_allowed_list:\s*(.+)$/m.exec(status);
    return match ? parseCpuList(match[1]) : [];
  } catch {
    return [];
  }
}
