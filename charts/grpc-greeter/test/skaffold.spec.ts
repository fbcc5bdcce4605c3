// skaffold.yaml must agree with everything it points at: Dockerfiles, the chart and its image
// values, one profile per scenario file with the contract's namespace, and a verify step that
// runs exactly what the chart's `helm test` pod runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
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
// Shapes as this repository writes them (skaffold itself allows more); a missing field fails the
// test that reads it.
interface Pipeline {
  deploy: { helm: { releases: Release[] } };
  portForward: PortForward[];
  verify: VerifyCase[];
}
interface SkaffoldConfig extends Pipeline {
  apiVersion: string;
  kind: string;
  build: { artifacts: { image: string; context?: string; docker: { dockerfile: string } }[] };
  profiles: (Pipeline & { name: string })[];
}

// The pod labels that decide how Istio joins a pod: sidecar injection, ambient enrolment.
const MESH_LABELS = ['sidecar.istio.io/inject', 'istio.io/dataplane-mode'];

const config = parse(readFileSync(join(REPO_ROOT, 'skaffold.yaml'), 'utf8')) as SkaffoldConfig;
const values = parse(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as {
  server: { image: { repository: string } };
  client: { image: { repository: string } };
};

/** skaffold's template name for an artifact: '/', '-' (and '.') become '_'. */
const templateName = (image: string) => image.replace(/[/\-.]/g, '_');
const artifact = (image: string) => {
  const hit = config.build.artifacts.find((a) => a.image === image);
  if (!hit) throw new Error(`no artifact ${image} in skaffold.yaml`);
  return hit;
};
const profile = (name: string) => {
  const hit = config.profiles.find((p) => p.name === name);
  if (!hit) throw new Error(`no profile ${name} in skaffold.yaml`);
  return hit;
};

describe('skaffold.yaml', () => {
  it('uses the current v4beta config schema', () => {
    expect(config.apiVersion).toBe('skaffold/v4beta14');
    expect(config.kind).toBe('Config');
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
      const a = artifact(image);
      expect(a.context ?? '.').toBe('.');
      expect(a.docker.dockerfile).toBe(`apps/${app}/Dockerfile`);
      expect(existsSync(join(REPO_ROOT, a.docker.dockerfile))).toBe(true);
    }
  });

  it('has exactly one profile per scenario file', () => {
    expect(config.profiles.map((p) => p.name).sort()).toEqual(scenarioNames());
  });

  it('deploys the no-sidecar scenario when no profile is given', () => {
    const { name: _name, ...noSidecar } = profile('no-sidecar');
    expect({
      deploy: config.deploy,
      portForward: config.portForward,
      verify: config.verify,
    }).toEqual(noSidecar);
  });
});

describe.each(Object.keys(SCENARIOS).sort())('skaffold profile %s', (name) => {
  const { namespace } = SCENARIOS[name];
  let chartTestPod: Pod;

  beforeAll(async () => {
    chartTestPod = testPod(
      await render({ scenario: name, namespace, apiVersions: ['networking.istio.io/v1'] }),
    );
  }, 30_000);

  it(`installs the local chart into ${namespace} with scenarios/${name}.yaml`, () => {
    const releases = profile(name).deploy.helm.releases;
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
    const [release] = profile(name).deploy.helm.releases;
    const server = templateName(values.server.image.repository);
    const client = templateName(values.client.image.repository);
    expect(release.setValueTemplates).toEqual({
      'server.image.repository': `{{.IMAGE_REPO_${server}}}`,
      'server.image.tag': `{{.IMAGE_TAG_${server}}}`,
      'client.image.repository': `{{.IMAGE_REPO_${client}}}`,
      'client.image.tag': `{{.IMAGE_TAG_${client}}}`,
    });
  });

  it('port-forwards the server Service from the scenario namespace', () => {
    expect(profile(name).portForward).toEqual([
      {
        resourceType: 'service',
        resourceName: SERVER_NAME,
        namespace,
        port: SERVER_PORT,
        localPort: SERVER_PORT,
      },
    ]);
  });

  it('verifies with the client image and exactly the helm test pod’s command', () => {
    const verify = profile(name).verify;
    expect(verify).toHaveLength(1);
    const { container } = verify[0];
    expect(container.image).toBe(values.client.image.repository);
    const chartContainer = chartTestPod.spec.containers[0];
    expect(container.command).toEqual(chartContainer.command);
    expect(container.args).toEqual(chartContainer.args);
  });

  it('runs the verify Job in the scenario namespace with the test pod’s mesh labels and annotations', () => {
    const overrides = JSON.parse(
      profile(name).verify[0].executionMode?.kubernetesCluster?.overrides ?? '{}',
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
