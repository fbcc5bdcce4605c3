// The chart's rules (values.schema.json plus the template-time `fail`s), applied to merged values.
import {
  anyMap,
  bool,
  dns1035Label,
  dns1123Label,
  type Fail,
  int,
  ListOf,
  MapOf,
  nonEmptyStr,
  num,
  oneOf,
  optionalDuration,
  type Shape,
  str,
  walk,
} from './checks';
import { parseExpect } from './expect';
import type { ValuesMap } from './merge';
import {
  type ChartValues,
  LB_POLICIES,
  LOAD_BALANCERS,
  PROBE_MODES,
  PULL_POLICIES,
} from './values';

const IMAGE: Shape = { repository: nonEmptyStr, tag: str, pullPolicy: oneOf(PULL_POLICIES) };

const CHART_VALUES: Shape = {
  scenario: { description: str },
  server: {
    name: dns1035Label,
    image: IMAGE,
    port: int(1, 65535),
    drainSeconds: int(0),
    shutdownTimeoutSeconds: int(0),
    maxConnectionAge: optionalDuration,
    maxConnectionAgeGrace: optionalDuration,
    versions: new ListOf({ name: dns1123Label, replicas: int(0) }, 1),
    resources: anyMap,
  },
  service: { portName: str, appProtocol: str, headless: bool },
  client: { name: dns1123Label, image: IMAGE, target: str, lbPolicy: oneOf(LB_POLICIES) },
  mesh: { sidecar: bool, proxyless: bool },
  routing: {
    enabled: bool,
    loadBalancer: oneOf(LOAD_BALANCERS),
    weights: new MapOf(int(0, 100)),
    istioApiVersion: str,
  },
  probes: { mode: oneOf(PROBE_MODES) },
  test: {
    enabled: bool,
    repeat: int(1),
    expect: str,
    tolerance: num(0, 100),
    interval: optionalDuration,
  },
};

/** Checks merged values against the chart's rules; `fail` is called with the first problem. */
export function validateValues(values: ValuesMap, fail: Fail): ChartValues {
  walk(values, CHART_VALUES, [], fail);
  const chart = values as unknown as ChartValues;
  const versions = chart.server.versions.map((version) => version.name);
  versions.forEach((name, i) => {
    if (versions.indexOf(name) !== i) fail(['server', 'versions', i, 'name'], `repeats "${name}"`);
  });
  const known = `(have: ${versions.join(', ')})`;
  const weights = Object.entries(chart.routing.weights);
  for (const [version] of weights) {
    if (!versions.includes(version)) {
      fail(['routing', 'weights', version], `names no version in server.versions ${known}`);
    }
  }
  const sum = weights.reduce((total, [, weight]) => total + weight, 0);
  if (weights.length > 0 && sum !== 100)
    fail(['routing', 'weights'], `must sum to 100, got ${sum}`);
  // The VirtualService routes to subsets that only the DestinationRule (routing.enabled) defines.
  if (weights.length > 0 && !chart.routing.enabled) {
    fail(
      ['routing', 'weights'],
      'need routing.enabled: true (subsets come from the DestinationRule)',
    );
  }
  checkExpect(chart.test.expect, versions, known, fail);
  return chart;
}

function checkExpect(spec: string, versions: string[], known: string, fail: Fail): void {
  if (spec === '') return;
  const expectation = parseExpect(spec);
  const key = ['test', 'expect'];
  if (!expectation) {
    fail(
      key,
      `must be "", one-pod, many-pods or percent by version like v1=90,v2=10, got "${spec}"`,
    );
  }
  if (expectation.kind !== 'split') return;
  const entries = Object.entries(expectation.percent);
  const unknown = entries.find(([version]) => !versions.includes(version));
  if (unknown) fail(key, `names version "${unknown[0]}", not in server.versions ${known}`);
  const sum = entries.reduce((total, [, percent]) => total + percent, 0);
  if (sum !== 100) fail(key, `must sum to 100, got ${sum}`);
}
