import { readFileSync } from 'node:fs';

// TCP state 01 in the kernel's table is ESTABLISHED.
const ESTABLISHED = '01';

/**
 * How many TCP connections are open *to* these ports right now — what `ss -tn state established`
 * would list — read from /proc/net/tcp{,6}. It answers "does the client's connection count stay
 * bounded while routes change?". Linux only: elsewhere undefined.
 */
export function openConnectionsTo(ports: readonly number[]): number | undefined {
  const wanted = new Set(ports);
  let count = 0;
  try {
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const row of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const [, , remote, state] = row.trim().split(/\s+/);
        if (state === ESTABLISHED && remote && wanted.has(parseInt(remote.split(':')[1], 16)))
          count += 1;
      }
    }
  } catch {
    return undefined;
  }
  return count;
}
