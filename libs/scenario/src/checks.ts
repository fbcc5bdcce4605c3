// A tiny structural checker for chart values: the subset of JSON Schema values.schema.json uses
// (types, ranges, patterns, enums, required, additionalProperties: false), with messages that name
// the key, so the lab applies the chart's rules without a schema engine.
import { isMap } from './merge';

/** Where a value sits in the values tree: `['server', 'versions', 0, 'name']`. */
export type KeyPath = ReadonlyArray<string | number>;

/**
 * Reports the first problem and never returns. `related` lists the other keys a cross-key rule
 * reads, so the error can blame whichever file set them.
 */
export type Fail = (path: KeyPath, problem: string, related?: KeyPath[]) => never;

/** A leaf rule: what is wrong with the value, or undefined when it is fine. */
export type Rule = (value: unknown) => string | undefined;

/** A map with known keys, each required unless Optional; other keys are typos and rejected. */
export interface Shape {
  [key: string]: Node;
}
export class ListOf {
  constructor(
    readonly item: Shape,
    readonly minItems: number,
  ) {}
}
/** A map with free keys (each checked by `key`) and values checked by `value`. */
export class MapOf {
  constructor(
    readonly key: Rule,
    readonly value: Rule,
  ) {}
}
export class Optional {
  constructor(readonly node: Node) {}
}
type Node = Rule | Shape | ListOf | MapOf | Optional;

export function formatKey(path: KeyPath): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i ? `.${part}` : part))
    .join('');
}

export function walk(value: unknown, node: Node, path: KeyPath, fail: Fail): void {
  if (node instanceof Optional) {
    if (value !== undefined) walk(value, node.node, path, fail);
    return;
  }
  if (value === undefined) fail(path, 'is required');
  if (typeof node === 'function') {
    const problem = node(value);
    if (problem) fail(path, problem);
  } else if (node instanceof ListOf) {
    if (!Array.isArray(value)) fail(path, `must be a list, got ${got(value)}`);
    const items = value as unknown[];
    if (items.length < node.minItems) fail(path, `needs at least ${node.minItems} entry`);
    items.forEach((item, i) => walk(item, node.item, [...path, i], fail));
  } else {
    if (!isMap(value)) fail(path, `must be a map, got ${got(value)}`);
    const map = value as Record<string, unknown>;
    if (node instanceof MapOf) {
      for (const [key, entry] of Object.entries(map)) {
        const problem = node.key(key);
        if (problem) fail([...path, key], `is not allowed as a key here: ${problem}`);
        walk(entry, node.value, [...path, key], fail);
      }
      return;
    }
    for (const key of Object.keys(map)) {
      const known = Object.keys(node).join(', ');
      if (!(key in node)) fail([...path, key], `is not a chart value (known here: ${known})`);
    }
    for (const [key, child] of Object.entries(node)) walk(map[key], child, [...path, key], fail);
  }
}

export function got(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isMap(value)) return 'a map';
  return JSON.stringify(value) ?? String(value);
}

export const str: Rule = (v) =>
  typeof v === 'string' ? undefined : `must be a string, got ${got(v)}`;

export const nonEmptyStr: Rule = (v) =>
  typeof v === 'string' && v !== '' ? undefined : `must be a non-empty string, got ${got(v)}`;

export const bool: Rule = (v) =>
  typeof v === 'boolean' ? undefined : `must be true or false, got ${got(v)}`;

export const anyMap: Rule = (v) => (isMap(v) ? undefined : `must be a map, got ${got(v)}`);

export const quantity: Rule = (v) =>
  typeof v === 'string' || typeof v === 'number'
    ? undefined
    : `must be a Kubernetes quantity (string or number), got ${got(v)}`;

export function int(min: number, max = Infinity): Rule {
  const range = max === Infinity ? `>= ${min}` : `from ${min} to ${max}`;
  return (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? undefined
      : `must be an integer ${range}, got ${got(v)}`;
}

export function oneOf(values: readonly string[]): Rule {
  const list = values.map((value) => JSON.stringify(value)).join(', ');
  return (v) =>
    values.includes(v as string) ? undefined : `must be one of ${list}, got ${got(v)}`;
}

/** A string matching `pattern`; `what` says in words what the pattern means. */
export function matches(pattern: RegExp, what: string): Rule {
  return (v) =>
    typeof v === 'string' && pattern.test(v) ? undefined : `must be ${what}, got ${got(v)}`;
}

// The chart's patterns, character for character (values.schema.json).
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
// Go durations as the chart accepts them: unsigned, "" or "0" for off.
const GO_DURATION = /^(|0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$/;
const EXPECT = new RegExp(`^(|one-pod|many-pods|${LABEL}=[0-9]{1,3}(,${LABEL}=[0-9]{1,3})*)$`);

export const dns1123Label: Rule = (v) =>
  typeof v === 'string' && v.length <= 63 && DNS_1123_LABEL.test(v)
    ? undefined
    : `must be a DNS-1123 label (a-z, 0-9, '-', at most 63, alphanumeric at both ends), got ${got(v)}`;

export const goDuration = matches(GO_DURATION, 'a Go duration like 500ms, 30s or 1m30s, or ""');

export const expectSpec = matches(
  EXPECT,
  '"", one-pod, many-pods or percent by version like v1=90,v2=10',
);
