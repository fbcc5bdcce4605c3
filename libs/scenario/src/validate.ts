// The chart's rules: values.schema.json (shape, types, ranges, patterns, enums) and the template
// `fail`s of grpc-greeter.validate / grpc-greeter.expect, applied to merged values in that order.
import {
  bool,
  dns1123Label,
  expectSpec,
  type Fail,
  goDuration,
  int,
  type KeyPath,
  ListOf,
  MapOf,
  nonEmptyStr,
  oneOf,
  Optional,
  quantity,
  type Shape,
  str,
  anyMap,
  walk,
} from './checks';
import { deriveExpect, parseExpect } from './expect';
import type { ValuesMap } from './merge';
import {
  type ChartValues,
  ISTIO_API_VERSIONS,
  LB_POLICIES,
  LOAD_BALANCERS,
  PROBE_MODES,
  PULL_POLICIES,
} from './values';

const IMAGE: Shape = { repository: nonEmptyStr, tag: str, pullPolicy: oneOf(PULL_POLICIES) };
const RESOURCE_LIST = new MapOf(str, quantity);

const CHART_VALUES: Shape = {
  global: new Optional(anyMap), // Helm injects it when the chart is a subchart
  scenario: { description: str },
  server: {
    name: dns1123Label,
    image: IMAGE,
    port: int(1, 65535),
    drainSeconds: int(0),
    shutdownTimeoutSeconds: int(0),
    maxConnectionAge: goDuration,
    maxConnectionAgeGrace: goDuration,
    versions: new ListOf({ name: dns1123Label, replicas: int(0) }, 1),
    resources: { requests: RESOURCE_LIST, limits: RESOURCE_LIST },
  },
  service: { portName: dns1123Label, appProtocol: nonEmptyStr, headless: bool },
  client: { name: dns1123Label, image: IMAGE, target: str, lbPolicy: oneOf(LB_POLICIES) },
  mesh: { sidecar: bool, proxyless: bool },
  routing: {
    enabled: bool,
    loadBalancer: oneOf(LOAD_BALANCERS),
    weights: new MapOf(dns1123Label, int(0, 100)),
    istioApiVersion: oneOf(ISTIO_API_VERSIONS),
  },
  probes: { mode: oneOf(PROBE_MODES) },
  test: {
    enabled: bool,
    repeat: int(1),
    expect: expectSpec,
    tolerance: int(0, 100),
    interval: goDuration,
  },
};

// Everything the derivation reads: a scenario that sets any of it owns the failure.
const DERIVATION_INPUTS: KeyPath[] = [['mesh'], ['routing'], ['service'], ['client'], ['server']];

/** Checks merged values against the chart's rules; `fail` gets the first problem. */
export function validateValues(values: ValuesMap, fail: Fail): ChartValues {
  walk(values, CHART_VALUES, [], fail);
  const chart = values as unknown as ChartValues;
  const versions = chart.server.versions.map((version) => version.name);
  const have = `(have ${versions.join(', ')})`;
  versions.forEach((name, i) => {
    if (versions.indexOf(name) !== i) {
      fail(['server', 'versions'], `has a duplicate version name "${name}"`);
    }
  });
  // Helm ranges over a map in sorted key order; so do we, to report the same first problem.
  const weights = Object.entries(chart.routing.weights).sort(([a], [b]) => (a < b ? -1 : 1));
  if (weights.length > 0) {
    if (!chart.routing.enabled) {
      fail(
        ['routing', 'weights'],
        'needs routing.enabled=true: the VirtualService routes to DestinationRule subsets',
        [['routing', 'enabled']],
      );
    }
    const unknown = weights.find(([version]) => !versions.includes(version));
    if (unknown) {
      fail(['routing', 'weights', unknown[0]], `names no such version in server.versions ${have}`, [
        ['server', 'versions'],
      ]);
    }
    const sum = weights.reduce((total, [, weight]) => total + weight, 0);
    if (sum !== 100) fail(['routing', 'weights'], `must sum to 100, got ${sum}`);
  }
  if (chart.test.enabled) checkExpect(chart, versions, have, fail);
  return chart;
}

function checkExpect(chart: ChartValues, versions: string[], have: string, fail: Fail): void {
  const key = ['test', 'expect'];
  if (chart.test.expect === '') {
    const derived = deriveExpect(chart);
    if ('error' in derived) fail(key, derived.error, DERIVATION_INPUTS);
    return;
  }
  const expectation = parseExpect(chart.test.expect);
  if (expectation.kind !== 'split') return;
  const entries = Object.entries(expectation.percent);
  const unknown = entries.find(([version]) => !versions.includes(version));
  if (unknown) {
    fail(key, `"${unknown[0]}" names no version in server.versions ${have}`, [
      ['server', 'versions'],
    ]);
  }
  const sum = entries.reduce((total, [, percent]) => total + percent, 0);
  if (sum !== 100) fail(key, `percentages must sum to 100, got ${sum}`);
}
