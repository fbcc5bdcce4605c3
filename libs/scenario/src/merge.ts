/** A YAML mapping as plain data. */
export type ValuesMap = { [key: string]: unknown };

export function isMap(value: unknown): value is ValuesMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Overlays `override` on `defaults` the way `helm install -f` coalesces user values over a chart's
 * values.yaml: maps merge key by key, lists and scalars replace wholesale, and an explicit `null`
 * deletes the default. Neither input is modified.
 */
export function mergeValues(defaults: ValuesMap, override: ValuesMap): ValuesMap {
  const merged: ValuesMap = { ...defaults };
  for (const [key, value] of Object.entries(override)) {
    const base = merged[key];
    if (value === null) delete merged[key];
    // A map over a missing or scalar default still goes through the merge, so nested nulls vanish.
    else if (isMap(value)) merged[key] = mergeValues(isMap(base) ? base : {}, value);
    else merged[key] = value;
  }
  return merged;
}
