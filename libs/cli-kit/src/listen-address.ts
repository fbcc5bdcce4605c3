import { UsageError } from './usage-error';

export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * Accepts what Go's net.Listen accepts for TCP: "host:port", "[v6]:port" and ":port" (all interfaces).
 * Port 0 asks the OS for a free port.
 */
export function parseListenAddress(flag: string, raw: string): ListenAddress {
  const match = /^(\[[^\]]+\]|[^:]*):(\d+)$/.exec(raw.trim());
  if (!match) throw new UsageError(`--${flag}: "${raw}" is not host:port or :port`);
  const port = Number(match[2]);
  if (port > 65535) throw new UsageError(`--${flag}: port ${port} is out of range`);
  return { host: match[1] === '' ? '0.0.0.0' : match[1], port };
}
