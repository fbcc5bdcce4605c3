import { Metadata } from '@grpc/grpc-js';
import { UsageError } from '@grpc-greeter/cli-kit';

/** --header values by key, in the order given: a key given twice or more rotates over the calls. */
export type CallHeaders = ReadonlyMap<string, readonly string[]>;

// gRPC metadata keys: lowercase, digits, - _ . (no `-bin` values here: these are text headers).
const KEY = /^[a-z0-9][a-z0-9_.-]*$/;

/**
 * Takes every `--header k=v` / `--header=k=v` (also `-header`) out of `argv`. Done before the
 * flag parser because it, like Go's `flag`, keeps only the last of a repeated flag.
 */
export function takeHeaderFlags(argv: readonly string[]): { headers: CallHeaders; rest: string[] } {
  const headers = new Map<string, string[]>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--?header(?:=(.*))?$/.exec(argv[i]);
    if (!match) {
      rest.push(argv[i]);
      continue;
    }
    const pair = match[1] ?? argv[(i += 1)];
    if (pair === undefined) throw new UsageError('--header needs key=value');
    const at = pair.indexOf('=');
    const key = pair.slice(0, at).trim().toLowerCase();
    if (at < 1 || !KEY.test(key) || key.startsWith('grpc-')) {
      throw new UsageError(`--header: "${pair}" is not key=value with a gRPC metadata key`);
    }
    headers.set(key, [...(headers.get(key) ?? []), pair.slice(at + 1)]);
  }
  return { headers, rest };
}

/** The headers of call number `call` (0-based): each key's values in turn. */
export function headersOfCall(headers: CallHeaders, call: number): Record<string, string> {
  return Object.fromEntries(
    [...headers].map(([key, values]) => [key, values[call % values.length]]),
  );
}

export function toMetadata(headers: Record<string, string>): Metadata {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
  return metadata;
}
