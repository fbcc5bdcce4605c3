// skaffold.yaml must be valid skaffold config and agree with everything it points at: the
// Dockerfiles, the chart and its image values, one profile per scenario file, installed where the
// file says, a deploy hook that runs the chart's `helm test` after every deploy (dev and run), and
// a `verify` step (`skaffold verify` only) that runs exactly what the chart's test pod runs. The
// scenario parts are written by `npx nx run chart:render` (skaffoldFromCatalogue): the file must be
// what it writes, and what it writes for a new scenario file must be that scenario's profile.
//
// support/skaffold-v4beta14.schema.json is skaffold's own JSON schema for this config version,
// unchanged: GoogleContainerTools/skaffold, docs-v2/content/en/schemas/v4beta14.json at commit
// 8a894ee94417b75149f552eba0822f55878f48a6 (2026-04-22), Apache-2.0.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ADDED_SCENARIO, copyWithAddedScenario, type RepositoryCopy } from '@grpc-greeter/testing';
import {
  installOf,
  listScenarios,
  skaffoldFile,
  skaffoldFromCatalogue,
  staleRenders,
  writeCatalogue,
} from '@grpc-greeter/helm';
import { waypointWait } from './support/cluster-steps';
import { Pod, testPod } from './support/pods';
import {
  CHART_DIR,
  REPO_ROOT,
  SCENARIO_NAMES,
  scenarioFileOf,
  SERVER_NAME,
  SERVER_PORT,
} from './support/paths';
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
const configText = readFileSync(join(REPO_ROOT, 'skaffold.yaml'), 'utf8');
const config = parse(configText) as SkaffoldConfig;
const values = parse(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as {
  server: { image: { repository: string } };
  client: { image: { repository: string } };
};

/**
 * The pipeline a profile runs: the top-level config with its patches applied. Only "replace"
 * (skaffold's default op) is used here, so that is all this applies; any other op fails.
 */
function pipeline(name: string, config: SkaffoldConfig): Pipeline {
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

  it('has exactly one profile per scenario file, in the catalogue’s order', () => {
    expect(config.profiles.map((p) => p.name)).toEqual(SCENARIO_NAMES);
  });

  it('deploys the tutorial’s first scenario when no profile is given (its profile patches nothing)', () => {
    expect(config.profiles[0]).toEqual({ name: SCENARIO_NAMES[0] });
  });

  it('keeps profiles to patches: nothing copied from the top-level pipeline', () => {
    for (const profile of config.profiles) {
      expect(Object.keys(profile).filter((k) => k !== 'name' && k !== 'patches')).toEqual([]);
    }
  });
});

describe.each(SCENARIO_NAMES)('skaffold profile %s', (name) => {
  const install = installOf(scenarioFileOf(name));
  const namespace = install?.namespace;
  const effective = pipeline(name, config);
  let chartTestPod: Pod;
  let waitFirst: string | undefined;

  beforeAll(async () => {
    const rendered = await render({ scenario: name, apiVersions: ['networking.istio.io/v1'] });
    chartTestPod = testPod(rendered);
    waitFirst = waypointWait(rendered, namespace ?? '');
  }, 30_000);

  it(`installs the local chart as scenario.release into scenario.namespace (${namespace}) with scenarios/${name}.yaml`, () => {
    const releases = effective.deploy.helm.releases;
    expect(releases).toHaveLength(1);
    const [release] = releases;
    expect(release.name).toBe(install?.release);
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

describe('skaffold.yaml written from the catalogue', () => {
  it('is what `npx nx run chart:render` writes (run it after changing a scenario file)', () => {
    expect(skaffoldFromCatalogue(CHART_DIR, configText)).toBe(configText);
  });

  describe('in a copy of the repository where a scenario file is added', () => {
    const NEW = ADDED_SCENARIO.name;
    let copy: RepositoryCopy;
    let chart = '';

    beforeAll(() => {
      copy = copyWithAddedScenario();
      chart = copy.chart;
    });

    afterAll(() => copy?.dispose());

    const written = () => parse(readFileSync(skaffoldFile(chart), 'utf8')) as SkaffoldConfig;

    it('lists it with the others, and skaffold’s check asks for its render', () => {
      expect(listScenarios(chart)).toContain(NEW);
      expect(() => skaffoldFromCatalogue(chart, configText)).toThrow(
        `${NEW}: no committed render (run \`npx nx run chart:render\`)`,
      );
    });

    it('gets its render and its profile from the render target, and nothing else changes', async () => {
      await writeCatalogue(chart);
      expect(await staleRenders(chart)).toEqual([]);
      const profiles = written().profiles;
      expect(profiles.map((p) => p.name)).toEqual(listScenarios(chart));
      const effective = pipeline(NEW, written());
      expect(effective.deploy.helm.releases[0].namespace).toBe(ADDED_SCENARIO.namespace);
      expect(effective.deploy.helm.releases[0].valuesFiles).toEqual([
        `charts/grpc-greeter/scenarios/${NEW}.yaml`,
      ]);
      expect(effective.verify[0].container.args).toContain(ADDED_SCENARIO.expect);
      for (const name of SCENARIO_NAMES) {
        expect(profiles.find((p) => p.name === name)).toEqual(
          config.profiles.find((p) => p.name === name),
        );
      }
    }, 60_000);

    it('keeps a profile’s patch on a path it does not write, and drops the profile of a removed file', () => {
      const extra = { path: '/deploy/helm/hooks/after/1', value: { host: { command: ['true'] } } };
      const text = readFileSync(skaffoldFile(chart), 'utf8').replace(
        `  - name: ${NEW}\n    patches:\n`,
        `  - name: ${NEW}\n    patches:\n      - ${JSON.stringify(extra)}\n`,
      );
      rmSync(join(chart, 'scenarios', 'v2-only.yaml'));
      const profiles = (parse(skaffoldFromCatalogue(chart, text)) as SkaffoldConfig).profiles;
      expect(profiles.map((p) => p.name)).toEqual(listScenarios(chart));
      expect(profiles.find((p) => p.name === NEW)?.patches?.at(-1)).toEqual(extra);
    });
  });
});
