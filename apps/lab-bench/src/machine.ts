import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';

export interface Machine {
  /** What `nproc` prints: the CPUs this process may run on. */
  nproc: number;
  cpuModel: string;
  node: string;
  os: string;
  memoryGiB: number;
}

/** The CPU model as /proc/cpuinfo names it (os.cpus() as a fallback off Linux). */
function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) return match[1].trim();
  } catch {
    // not Linux: fall through
  }
  return cpus()[0]?.model.trim() || 'unknown';
}

export function describeMachine(): Machine {
  return {
    nproc: availableParallelism(),
    cpuModel: cpuModel(),
    node: process.version,
    os: `${process.platform} ${release()}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** 1, 5 and 15-minute load averages, two decimals. */
export function loadAverage(): [number, number, number] {
  const [one, five, fifteen] = loadavg().map((n) => Math.round(n * 100) / 100);
  return [one, five, fifteen];
}

/**
 * CPU seconds (user + system) of this process's children that have exited and been waited for, and
 * of their waited-for descendants (Linux's cutime + cstime in /proc/self/stat); NaN off Linux.
 * /proc reports them in USER_HZ ticks, which the kernel ABI fixes at 100 per second.
 */
export function childrenCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // cutime and cstime are fields 16 and 17 of the whole line, 14 and 15 after the name.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds the whole machine has been busy since boot, every core and process (the first line
 * of /proc/stat: user, nice, system, irq, softirq, steal; not idle or iowait); NaN off Linux. Less
 * a run's own CPU, over the run's length, it says how many cores others used meanwhile: on a shared
 * machine, the load that a 1-minute average (which counts the run itself) cannot tell apart.
 */
export function machineBusySeconds(): number {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / 100;
  } catch {
    return Number.NaN;
  }
}
