// The expectation grammar shared with greeter-client's --expect and the chart's helm test:
// `one-pod`, `many-pods`, or percent by version (`v1=90,v2=10`).

export type Expectation =
  | { kind: 'one-pod'; spec: 'one-pod' }
  | { kind: 'many-pods'; spec: 'many-pods' }
  | { kind: 'split'; spec: string; percent: Readonly<Record<string, number>> };

const SPLIT = /^[a-z0-9-]+=\d{1,3}(,[a-z0-9-]+=\d{1,3})*$/;

/** Parses the grammar; undefined when `spec` is not one of its three forms. */
export function parseExpect(spec: string): Expectation | undefined {
  if (spec === 'one-pod') return { kind: spec, spec };
  if (spec === 'many-pods') return { kind: spec, spec };
  if (!SPLIT.test(spec)) return undefined;
  const percent: Record<string, number> = {};
  for (const pair of spec.split(',')) {
    const [version, value] = pair.split('=');
    percent[version] = Number(value);
  }
  return { kind: 'split', spec, percent };
}

/**
 * What `test.expect: ""` means: the split the VirtualService weights ask for, versions in sorted
 * order as Helm's `range` over a map visits them (zero weights kept: "v1=0,v2=100" is the point of
 * v2-only). No weights: no expectation, "".
 */
export function expectFromWeights(weights: Readonly<Record<string, number>>): string {
  return Object.keys(weights)
    .sort()
    .map((version) => `${version}=${weights[version]}`)
    .join(',');
}
