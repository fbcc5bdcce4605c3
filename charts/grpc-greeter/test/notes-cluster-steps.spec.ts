// NOTES print the steps between `helm install` and `helm test` that the render implies: on ASM the
// namespace label its injection policy wants (every scenario whose pods Istio injects; upstream
// Istio injects on the pod label alone, ASM needs both), and the wait for the waypoint.
import { installOf } from '@grpc-greeter/helm';
import { asmNamespaceLabel, injectedPods, waypointWait } from './support/cluster-steps';
import { notesRenderer } from './support/notes';
import { SCENARIO_NAMES, scenarioFileOf } from './support/paths';
import { render, Rendered } from './support/render';

const names = SCENARIO_NAMES;
const namespaceOf = (name: string) => installOf(scenarioFileOf(name))?.namespace ?? '';
const rendered = new Map<string, Rendered>();
const notes = new Map<string, string>();

beforeAll(async () => {
  const notesChart = notesRenderer();
  try {
    await Promise.all(
      names.map(async (name) => {
        const opts = { scenario: name };
        const [result, text] = await Promise.all([render(opts), notesChart.render(opts)]);
        rendered.set(name, result);
        notes.set(name, text);
      }),
    );
  } finally {
    notesChart.dispose();
  }
}, 60_000);

const of = <T>(map: Map<string, T>, name: string): T => {
  const value = map.get(name);
  if (value === undefined) throw new Error(`scenario ${name} was not rendered`);
  return value;
};

describe.each(names)('NOTES of %s', (name) => {
  const namespace = namespaceOf(name);

  it('names the namespace label ASM needs exactly when Istio injects the pods', () => {
    const text = of(notes, name);
    const injected = injectedPods(of(rendered, name)).length > 0;
    expect(text.includes(`${asmNamespaceLabel(namespace)}\n`)).toBe(injected);
    // Injection happens at pod creation: the pods that came up without it must be recreated.
    expect(
      text.includes(
        `kubectl rollout restart deployment -n ${namespace} -l app.kubernetes.io/instance=grpc-greeter\n`,
      ),
    ).toBe(injected);
  });

  it('waits for the waypoint before the first call when the scenario has one', () => {
    const text = of(notes, name);
    const wait = waypointWait(of(rendered, name), namespace);
    if (wait === undefined) {
      expect(text).not.toContain('kubectl wait');
      return;
    }
    const at = text.indexOf(`${wait}\n`);
    expect(at).toBeGreaterThan(-1);
    expect(at).toBeLessThan(text.indexOf('kubectl exec'));
    expect(at).toBeLessThan(text.indexOf('helm test'));
  });
});

describe('the scenarios NOTES are checked against', () => {
  it('include injected ones, ones without injection and one with a waypoint', () => {
    const injected = names.filter((name) => injectedPods(of(rendered, name)).length > 0);
    expect(injected).toEqual(expect.arrayContaining(['sidecar-round-robin', 'proxyless']));
    expect(injected).not.toContain('no-sidecar');
    expect(injected).not.toContain('ambient');
    const withWaypoint = names.filter(
      (name) => waypointWait(of(rendered, name), namespaceOf(name)) !== undefined,
    );
    expect(withWaypoint).toEqual(['ambient-waypoint']);
  });
});
