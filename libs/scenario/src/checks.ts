// A tiny structural checker for chart values: enough JSON-Schema (types, ranges, enums, required,
// no unknown keys) to apply the chart's rules without a schema engine, with messages that name the key.
import { parseGoDuration } from './go-duration';
import { isMap } from './merge';

/** Where a value sits in the values tree: `['server', 'versions', 0, 'name']`. */
export type KeyPath = ReadonlyArray<string | number>;

/** Reports a problem at a key; never returns (the first problem stops loading). */
export type Fail = (path: KeyPath, problem: string) => never;

/** A leaf rule: what is wrong with the value, or undefined when it is fine. */
export type Rule = (value: unknown) => string | undefined;

/** A map with known keys, each required; other keys are typos and rejected. */
export interface Shape {
  [key: string]: Node;
}
export class ListOf {
  constructor(
    readonly item: Shape,
    readonly minItems: number,
  ) {}
}
export class MapOf {
  constructor(readonly value: Rule) {}
}
type Node = Rule | Shape | ListOf | MapOf;

export function formatKey(path: KeyPath): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i ? `.${part}` : part))
    .join('');
}

export function walk(value: unknown, node: Node, path: KeyPath, fail: Fail): void {
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
      for (const [key, entry] of Object.entries(map)) walk(entry, node.value, [...path, key], fail);
      return;
    }
    for (const key of Object.keys(map)) {
      if (!(key in node))
        fail([...path, key], `is not a chart value (known here: ${Object.keys(node).join(', ')})`);
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

export function int(min: number, max = Infinity): Rule {
  const range = max === Infinity ? `>= ${min}` : `from ${min} to ${max}`;
  return (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? undefined
      : `must be an integer ${range}, got ${got(v)}`;
}

export function num(min: number, max: number): Rule {
  return (v) =>
    typeof v === 'number' && v >= min && v <= max
      ? undefined
      : `must be a number from ${min} to ${max}, got ${got(v)}`;
}

export function oneOf(values: readonly string[]): Rule {
  return (v) =>
    values.includes(v as string) ? undefined : `must be one of ${values.join(', ')}, got ${got(v)}`;
}

// Kubernetes' own patterns: Deployment/label parts are DNS-1123 labels; Service names are DNS-1035
// labels (must start with a letter, since they also become environment variable prefixes).
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const dns1123Label: Rule = (v) =>
  typeof v === 'string' && v.length <= 63 && DNS_1123_LABEL.test(v)
    ? undefined
    : `must be a DNS-1123 label (a-z, 0-9, '-', at most 63, alphanumeric at both ends), got ${got(v)}`;

export const dns1035Label: Rule = (v) =>
  typeof v === 'string' && v.length <= 63 && DNS_1035_LABEL.test(v)
    ? undefined
    : `must be a DNS-1035 label (a-z, 0-9, '-', at most 63, starting with a letter), got ${got(v)}`;

/** A non-negative Go duration ("30s", "1m30s"); `""` is allowed and means "not set". */
export const optionalDuration: Rule = (v) => {
  if (v === '') return undefined;
  const problem = `must be a Go duration like 500ms, 30s or 1m30s (or "" for off), got ${got(v)}`;
  if (typeof v !== 'string') return problem;
  try {
    return parseGoDuration(v) >= 0 ? undefined : problem;
  } catch {
    return problem;
  }
};
