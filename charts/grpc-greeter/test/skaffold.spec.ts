// skaffold.yaml must be valid skaffold config and agree with everything it points at: the
// Dockerfiles, the chart and its image values, one profile per scenario file with the contract's
// namespace, a deploy hook that runs the chart's `helm test` after every deploy (dev and run), and
// a `verify` step (`skaffold verify` only) that runs exactly what the chart's test pod runs.
//
// support/skaffold-v4beta14.schema.json is skaffold's own JSON schema for this config version,
// unchanged: GoogleContainerTools/skaffold, docs-v2/content/en/schemas/v4beta14.json at commit
// 8a894ee94417b75149f552eba0822f55878f48a6 (2026-04-22), Apache-2.0.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { waypointWait } from './support/cluster-steps';
import { SCENARIOS, SERVER_NAME, SERVER_PORT } from './support/contract';
import { Pod, testPod } from './support/pods';
import { CHART_DIR, REPO_ROOT, scenarioNames } from './support/paths';
import { render } from './support/render';

interface Release {
  name: string;
  chartPath: string;
  namespace: string;
  createNamespace?: boolean;
  valuesFiles: string[];
  setValueTemplates: Record<string, string>;
}
interface VerifyCase {
  name: string;
  container: { name: string; image: string; command?: string[]; args?: string[] };
  executionMode?: { kubernetesCluster?: { overrides?: string } };
}
interface PortForward {
  resourceType: string;
  resourceName: string;
  namespace: string;
  port: number;
  localPort?: number;
}
interface HostHook {
  host?: { command: string[] };
}
interface Patch {
  op?: string;
  path: string;
  value: unknown;
}
// Shapes as this repository writes them (skaffold itself allows more, the schema checks that);
// a missing field fails the test that reads it.
interface Pipeline {
  build: { artifacts: { image: string; context?: string; docker: { dockerfile: string } }[] };
  deploy: {
    helm: { releases: Release[]; hooks?: { before?: HostHook[]; after?: HostHook[] } };
  };
  portForward: PortForward[];
  verify: VerifyCase[];
}
interface SkaffoldConfig extends Pipeline {
  apiVersion: string;
  kind: string;
  profiles: { name: string; patches?: Patch[]; [field: string]: unknown }[];
}

// The pod labels that decide how Istio joins a pod: sidecar injection, ambient enrolment.
const MESH_LABELS = ['sidecar.istio.io/inject', 'istio.io/dataplane-mode'];

const SCHEMA = join(__dirname, 'support', 'skaffold-v4beta14.schema.json');
const config = parse(readFileSync(join(REPO_ROOT, 'skaffold.yaml'), 'utf8')) as SkaffoldConfig;
const values = parse(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as {
  server: { image: { repository: string } };
  client: { image: { repository: string } };
};

/**
 * The pipeline a profile runs: the top-level config with its patches applied. Only "replace"
 * (skaffold's default op) is used here, so that is all this applies; any other op fails.
 */
function pipeline(name: string): Pipeline {
  const profile = config.profiles.find((p) => p.name === name);
  if (!profile) throw new Error(`no profile ${name} in skaffold.yaml`);
  const { profiles: _profiles, ...base } = config;
  const result = structuredClone(base) as unknown as Record<string, unknown>;
  for (const patch of profile.patches ?? []) {
    if ((patch.op ?? 'replace') !== 'replace') throw new Error(`${name}: op ${patch.op}`);
    const keys = patch.path.split('/').slice(1);
    const last = keys.pop() as string;
    let node = result as Record<string, unknown>;
    for (const key of keys) node = node[key] as Record<string, unknown>;
    if (!(last in node)) throw new Error(`${name}: ${patch.path} replaces nothing`);
    node[last] = patch.value;
  }
  return result as unknown as Pipeline;
}

/** skaffold's template name for an artifact: '/', '-' (and '.') become '_'. */
const templateName = (image: string) => image.replace(/[/\-.]/g, '_');

describe('skaffold.yaml', () => {
  it("is valid against skaffold's own v4beta14 JSON schema", () => {
    expect(config.apiVersion).toBe('skaffold/v4beta14');
    expect(config.kind).toBe('Config');
    const validate = new Ajv({ strict: false, allErrors: true }).compile(
      JSON.parse(readFileSync(SCHEMA, 'utf8')) as object,
    );
    validate(config);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('fails that schema on a misspelt hook field (the check is real)', () => {
    const validate = new Ajv({ strict: false }).compile(
      JSON.parse(readFileSync(SCHEMA, 'utf8')) as object,
    );
    const broken = structuredClone(config) as unknown as { deploy: { helm: object } };
    broken.deploy.helm = { ...broken.deploy.helm, hooks: { afterr: [] } };
    expect(validate(broken)).toBe(false);
  });

  it('builds the two images the chart deploys, each from its Dockerfile with the repo root as context', () => {
    const serverImage = values.server.image.repository;
    const clientImage = values.client.image.repository;
    expect(config.build.artifacts.map((a) => a.image).sort()).toEqual(
      [clientImage, serverImage].sort(),
    );
    for (const [image, app] of [
      [serverImage, 'greeter-server'],
      [clientImage, 'greeter-client'],
    ]) {
      const a = config.build.artifacts.find((x) => x.image === image);
      // The root, because both images build our libs; each Dockerfile COPYs only its own paths.
      expect(a?.context ?? '.').toBe('.');
      expect(a?.docker.dockerfile).toBe(`apps/${app}/Dockerfile`);
      expect(existsSync(join(REPO_ROOT, a?.docker.dockerfile ?? ''))).toBe(true);
    }
  });

  it('has exactly one profile per scenario file', () => {
    expect(config.profiles.map((p) => p.name).sort()).toEqual(scenarioNames());
  });

  it('deploys the no-sidecar scenario when no profile is given (that profile patches nothing)', () => {
    const noSidecar = config.profiles.find((p) => p.name === 'no-sidecar');
    expect(noSidecar).toEqual({ name: 'no-sidecar' });
  });

  it('keeps profiles to patches: nothing copied from the top-level pipeline', () => {
    for (const profile of config.profiles) {
      expect(Object.keys(profile).filter((k) => k !== 'name' && k !== 'patches')).toEqual([]);
    }
  });
});

describe.each(Object.keys(SCENARIOS).sort())('skaffold profile %s', (name) => {
  const { namespace } = SCENARIOS[name];
  const effective = pipeline(name);
  let chartTestPod: Pod;
  let waitFirst: string | undefined;

  beforeAll(async () => {
    const rendered = await render({
      scenario: name,
      namespace,
      apiVersions: ['networking.istio.io/v1'],
    });
    chartTestPod = testPod(rendered);
    waitFirst = waypointWait(rendered, namespace);
  }, 30_000);

  it(`installs the local chart into ${namespace} with scenarios/${name}.yaml`, () => {
    const releases = effective.deploy.helm.releases;
    expect(releases).toHaveLength(1);
    const [release] = releases;
    expect(release.chartPath).toBe('charts/grpc-greeter');
    expect(existsSync(join(REPO_ROOT, release.chartPath, 'Chart.yaml'))).toBe(true);
    expect(release.namespace).toBe(namespace);
    expect(release.createNamespace).toBe(true);
    expect(release.valuesFiles).toEqual([`charts/grpc-greeter/scenarios/${name}.yaml`]);
    expect(existsSync(join(REPO_ROOT, release.valuesFiles[0]))).toBe(true);
  });

  it('wires the chart image values to the built artifacts', () => {
    const [release] = effective.deploy.helm.releases;
    const server = templateName(values.server.image.repository);
    const client = templateName(values.client.image.repository);
    expect(release.setValueTemplates).toEqual({
      'server.image.repository': `{{.IMAGE_REPO_${server}}}`,
      'server.image.tag': `{{.IMAGE_TAG_${server}}}`,
      'client.image.repository': `{{.IMAGE_REPO_${client}}}`,
      'client.image.tag': `{{.IMAGE_TAG_${client}}}`,
    });
  });

  it('runs the chart’s helm test for this release and namespace after every deploy, once a waypoint is ready', () => {
    const [release] = effective.deploy.helm.releases;
    const hooks = effective.deploy.helm.hooks;
    const helmTest = `helm test ${release.name} -n ${release.namespace} --kube-context "$SKAFFOLD_KUBE_CONTEXT"`;
    // The status check does not cover the waypoint's Deployment (istiod creates it, not the chart).
    const script = waitFirst
      ? `${waitFirst} --context "$SKAFFOLD_KUBE_CONTEXT" && ${helmTest}`
      : helmTest;
    expect(hooks?.before ?? []).toEqual([]);
    expect(hooks?.after).toEqual([{ host: { command: ['sh', '-c', script] } }]);
    // ... and the chart has a test for it to run, whose logs helm prints itself.
    expect(chartTestPod.metadata.annotations).toMatchObject({
      'helm.sh/hook': 'test',
      'helm.sh/hook-output-log-policy': 'hook-succeeded,hook-failed',
    });
  });

  it('port-forwards the server Service from the scenario namespace', () => {
    expect(effective.portForward).toEqual([
      {
        resourceType: 'service',
        resourceName: SERVER_NAME,
        namespace,
        port: SERVER_PORT,
        localPort: SERVER_PORT,
      },
    ]);
  });

  it('verifies (skaffold verify) with the client image and exactly the helm test pod’s command', () => {
    expect(effective.verify).toHaveLength(1);
    const { container } = effective.verify[0];
    expect(container.image).toBe(values.client.image.repository);
    const chartContainer = chartTestPod.spec.containers[0];
    expect(container.command).toEqual(chartContainer.command);
    expect(container.args).toEqual(chartContainer.args);
  });

  it('runs the verify Job in the scenario namespace with the test pod’s mesh labels and annotations', () => {
    const overrides = JSON.parse(
      effective.verify[0].executionMode?.kubernetesCluster?.overrides ?? '{}',
    ) as {
      metadata?: { namespace?: string };
      spec?: { template?: { metadata?: { labels?: object; annotations?: object } } };
    };
    expect(overrides.metadata?.namespace).toBe(namespace);
    const podMeta = overrides.spec?.template?.metadata ?? {};
    const meshLabels = Object.fromEntries(
      Object.entries(chartTestPod.metadata.labels).filter(([k]) => MESH_LABELS.includes(k)),
    );
    expect(meshLabels).toHaveProperty(['sidecar.istio.io/inject']);
    expect(podMeta.labels).toEqual(meshLabels);
    const meshAnnotations = Object.fromEntries(
      Object.entries(chartTestPod.metadata.annotations ?? {}).filter(
        ([k]) => !k.startsWith('helm.sh/'),
      ),
    );
    expect(podMeta.annotations ?? {}).toEqual(meshAnnotations);
  });
});
