// skaffold.yaml's scenario parts, written from the catalogue by `npx nx run chart:render`: the
// top-level pipeline deploys the tutorial's first scenario, and every scenario file has a profile
// that patches what differs for it (release, namespace, values file, the `helm test` hook, the
// port-forward, and the verify Job, which runs exactly what the scenario's rendered test pod runs).
// Everything else in the file is hand-written and kept: the build, the comments, and any patch of
// a profile on a path the catalogue does not own (a scenario's own extra hook, say).
import * as path from 'node:path';
import { isMap, isSeq, parseAllDocuments, parseDocument, type YAMLMap } from 'yaml';
import { readRendered } from './render';
import { scenarioData } from './scenario-data';
import { CHART_PATH, DEFAULT_INSTALL, installOf, listScenarios, scenarioFile } from './scenarios';

// The pod labels that decide how Istio joins a pod (sidecar injection, ambient enrolment): the
// verify Job's pod carries the test pod's, so the mesh treats both alike.
const MESH_LABELS = ['sidecar.istio.io/inject', 'istio.io/dataplane-mode'];

interface TestPod {
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { containers: { command?: string[]; args?: string[] }[] };
}

interface Rendered {
  kind?: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: { gatewayClassName?: string };
}

/** skaffold.yaml at the root of the repository the chart sits in. */
export function skaffoldFile(chartDir: string): string {
  return path.join(chartDir, ...CHART_PATH.split(path.sep).map(() => '..'), 'skaffold.yaml');
}

function renderOf(chartDir: string, name: string): Rendered[] {
  const manifests = readRendered(chartDir, name);
  if (manifests === undefined)
    throw new Error(`${name}: no committed render (run \`npx nx run chart:render\`)`);
  return parseAllDocuments(manifests)
    .map((doc) => doc.toJS() as Rendered | null)
    .filter((object) => object !== null);
}

function testPodOf(name: string, objects: Rendered[]): TestPod {
  const pod = objects.find(
    (o) => o.kind === 'Pod' && o.metadata.annotations?.['helm.sh/hook'] === 'test',
  );
  if (!pod) throw new Error(`${name}: its render has no helm test pod for skaffold to verify with`);
  return pod as unknown as TestPod;
}

/**
 * The waypoint Gateway of the render, if any: istiod sends the Service's traffic through it only
 * once its pod is ready, and skaffold's status check covers only the chart's own Deployments.
 */
const waypointOf = (objects: Rendered[]) =>
  objects.find((o) => o.kind === 'Gateway' && o.spec?.gatewayClassName === 'istio-waypoint');

/** [JSON-patch path, value] of every field the scenario decides, in the order profiles list them. */
function scenarioFields(chartDir: string, name: string): [string, unknown][] {
  const { release, namespace } = installOf(scenarioFile(chartDir, name)) ?? DEFAULT_INSTALL;
  const objects = renderOf(chartDir, name);
  const pod = testPodOf(name, objects);
  const waypoint = waypointOf(objects);
  const context = '"$SKAFFOLD_KUBE_CONTEXT"';
  const waitFirst = waypoint
    ? `kubectl wait --for=condition=Programmed gateway/${waypoint.metadata.name} -n ${namespace} ` +
      `--timeout=2m --context ${context} && `
    : '';
  const labels = pod.metadata.labels ?? {};
  const annotations = Object.entries(pod.metadata.annotations ?? {}).filter(
    ([key]) => !key.startsWith('helm.sh/'),
  );
  const podMetadata = {
    labels: Object.fromEntries(MESH_LABELS.filter((k) => k in labels).map((k) => [k, labels[k]])),
    ...(annotations.length ? { annotations: Object.fromEntries(annotations) } : {}),
  };
  const overrides = { metadata: { namespace }, spec: { template: { metadata: podMetadata } } };
  const [container] = pod.spec.containers;
  return [
    ['/deploy/helm/releases/0/name', release],
    ['/deploy/helm/releases/0/namespace', namespace],
    ['/deploy/helm/releases/0/valuesFiles/0', `${CHART_PATH}/scenarios/${name}.yaml`],
    [
      '/deploy/helm/hooks/after/0/host/command/2',
      `${waitFirst}helm test ${release} -n ${namespace} --kube-context ${context}`,
    ],
    ['/portForward/0/namespace', namespace],
    ['/verify/0/container/command', container.command],
    ['/verify/0/container/args', container.args],
    ['/verify/0/executionMode/kubernetesCluster/overrides', JSON.stringify(overrides)],
  ];
}

const keysOf = (patchPath: string) =>
  patchPath
    .split('/')
    .slice(1)
    .map((key) => (/^\d+$/.test(key) ? Number(key) : key));

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function profileComment(name: string, isDefault: boolean, chartDir: string): string {
  const { description } = scenarioData(scenarioFile(chartDir, name));
  return [
    ` ${name}: ${description ?? ''}`.trimEnd(),
    ...(isDefault ? ['   The defaults above: plain `skaffold dev` deploys this scenario.'] : []),
    ...(waypointOf(renderOf(chartDir, name))
      ? [
          '   The hook first waits for the waypoint Gateway to be Programmed: istiod sends the',
          "   Service's traffic through it only once its pod is ready, and skaffold's status check",
          "   covers only the chart's own Deployments, not the waypoint's (istiod creates it).",
        ]
      : []),
    `   skaffold dev -p ${name}`,
  ].join('\n');
}

/**
 * `current` (skaffold.yaml's text) with its top-level pipeline set to the catalogue's first
 * scenario and exactly one profile per scenario file, in the catalogue's order.
 */
export function skaffoldFromCatalogue(chartDir: string, current: string): string {
  const doc = parseDocument(current);
  const names = listScenarios(chartDir);
  if (names.length === 0) throw new Error(`${chartDir}/scenarios: no scenario files`);
  const fields = new Map(names.map((name) => [name, scenarioFields(chartDir, name)]));
  const defaults = new Map(fields.get(names[0]));
  // Written whole even when equal, so every generated value has one (block) style.
  for (const [patchPath, value] of defaults) doc.setIn(keysOf(patchPath), value);
  const profiles = doc.get('profiles');
  const existing = isSeq(profiles) ? profiles.items.filter(isMap) : [];
  const items = names.map((name, index) => {
    const old = existing.find((p) => p.get('name') === name);
    const owned = (fields.get(name) ?? []).filter(([p, value]) => !same(value, defaults.get(p)));
    const oldPatches = old?.get('patches');
    const extras = (isSeq(oldPatches) ? oldPatches.items : []).filter(
      (patch) => !(isMap(patch) && defaults.has(String(patch.get('path')))),
    );
    const profile = (old ?? doc.createNode({ name })) as YAMLMap;
    const patches = [...owned.map(([p, value]) => doc.createNode({ path: p, value })), ...extras];
    if (patches.length) profile.set('patches', doc.createNode(patches));
    else profile.delete('patches');
    profile.commentBefore = profileComment(name, index === 0, chartDir);
    return profile;
  });
  // yaml hangs the comment above a sequence's first item on the sequence itself.
  const seq = doc.createNode(items);
  seq.commentBefore = items[0].commentBefore;
  items[0].commentBefore = undefined;
  doc.set('profiles', seq);
  return doc.toString({ lineWidth: 0, singleQuote: true });
}
