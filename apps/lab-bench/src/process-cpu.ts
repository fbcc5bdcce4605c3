// Where a run's CPU goes, by kind of process (greeter-server pods, xDS clients, plain clients, the
// lab): the kernel keeps a process's CPU time only until it is reaped, so /proc is read every
// interval for every process under the run and the last value seen counts. Hand-written: no
// library reads a process tree's CPU by kind; `ps` would be a process per sample.
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** ppid and CPU ticks (utime + stime) from /proc/<pid>/stat; undefined once the process is gone. */
function statOf(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields after it. ppid is field
    // 4 of the line, utime and stime fields 14 and 15 (USER_HZ, fixed at 100 per second).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function argvOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** greeter-client (xDS), greeter-client, greeter-server, lab…: the built app a process runs. */
export function processKind(argv: readonly string[]): string {
  const app = argv.map((arg) => /dist\/apps\/([^/]+)\//.exec(arg)?.[1]).find(Boolean);
  const name = app ?? basename(argv[0] ?? 'unknown');
  return argv.some((arg) => arg.startsWith('--address=xds:')) ? `${name} (xDS)` : name;
}

export interface KindCpu {
  kind: string;
  processes: number;
  cpuSeconds: number;
}

/** The processes seen, summed by kind, the most CPU first. */
export function cpuByKind(seen: Iterable<{ kind: string; ticks: number }>): KindCpu[] {
  const kinds = new Map<string, KindCpu>();
  for (const { kind, ticks } of seen) {
    const entry = kinds.get(kind) ?? { kind, processes: 0, cpuSeconds: 0 };
    entry.processes += 1;
    entry.cpuSeconds += ticks / 100;
    kinds.set(kind, entry);
  }
  return [...kinds.values()].sort((a, b) => b.cpuSeconds - a.cpuSeconds);
}

/**
 * Samples `root` and every process under it until stop(). What a process spends after the last
 * sample before it exits is not seen: up to one interval of it.
 */
export function sampleProcessTree(root: number, intervalMs = 100): { stop(): KindCpu[] } {
  const seen = new Map<number, { kind: string; ticks: number }>();
  const sample = () => {
    const stats = new Map<number, { ppid: number; ticks: number }>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = statOf(Number(entry));
      if (stat) stats.set(Number(entry), stat);
    }
    const underRoot = (pid: number): boolean => {
      for (let p: number | undefined = pid; p !== undefined && p > 1; p = stats.get(p)?.ppid) {
        if (p === root) return true;
      }
      return false;
    };
    for (const [pid, { ticks }] of stats) {
      if (!underRoot(pid)) continue;
      const known = seen.get(pid);
      if (known) known.ticks = Math.max(known.ticks, ticks);
      else seen.set(pid, { kind: processKind(argvOf(pid)), ticks });
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return cpuByKind(seen.values());
    },
  };
}
