import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// TCP state 01 in the kernel's table is ESTABLISHED.
const ESTABLISHED = '01';

/**
 * How many TCP connections one process (the lab's client) has open to these ports right now — what
 * `ss -tnp state established` would list for its pid — read from /proc. It answers "does the
 * client's connection count stay bounded while routes change?". Only that process's sockets count:
 * other processes on the machine (other labs, tests run in parallel) may reach the same port number
 * on another loopback address. Linux only: elsewhere undefined.
 */
export function openConnectionsTo(pid: number, ports: readonly number[]): number | undefined {
  const wanted = new Set(ports);
  let count = 0;
  try {
    const sockets = socketInodes(pid);
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const row of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const fields = row.trim().split(/\s+/);
        const [, , remote, state] = fields;
        const inode = fields[9];
        if (
          state === ESTABLISHED &&
          remote &&
          sockets.has(inode) &&
          wanted.has(parseInt(remote.split(':')[1], 16))
        )
          count += 1;
      }
    }
  } catch {
    return undefined;
  }
  return count;
}

/** The inodes of the sockets a process holds: its fds link to `socket:[inode]`. */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  const dir = `/proc/${pid}/fd`;
  for (const fd of readdirSync(dir)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`${dir}/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // The fd closed between the listing and the read.
    }
  }
  return inodes;
}
