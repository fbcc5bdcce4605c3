import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseGoDuration } from '@grpc-greeter/cli-kit';
import { listScenarios, loadScenario, type Scenario } from '@grpc-greeter/scenario';
import { helm, workspaceRoot } from '@grpc-greeter/testing';

interface K8sObject {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- rendered YAML, checked field by field
}

const CHART = join(workspaceRoot, 'charts/grpc-greeter');

async function render(name: string): Promise<K8sObject[]> {
  const result = await helm([
    'template',
    'grpc-greeter',
    CHART,
    '--namespace',
    'lab-check',
    '--values',
    join(CHART, 'scenarios', `${name}.yaml`),
    '--api-versions',
    'networking.istio.io/v1',
  ]);
  if (result.code !== 0) throw new Error(result.stderr);
  return parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS())
    .filter(Boolean) as K8sObject[];
}

function flag(args: readonly string[], name: string): string | undefined {
  const index = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index === -1) return undefined;
  return args[index].includes('=') ? args[index].slice(name.length + 1) : args[index + 1];
}

// The lab reads the same values files as `helm install`; this renders each with the real chart and
// checks that the lab's model of it (versions, replicas, mesh, routing, expectations) is what the
// cluster would get. If chart and lab ever disagree, this fails.
describe.each(listScenarios(join(CHART)))('scenario %s: lab model = helm template', (name) => {
  let objects: K8sObject[];
  let scenario: Scenario;
  const servers = () =>
    objects.filter(
      (o) => o.kind === 'Deployment' && o.metadata.labels?.app === scenario.serverName,
    );

  beforeAll(async () => {
    objects = await render(name);
    scenario = loadScenario(name, { chartDir: CHART });
  });

  it('has one server Deployment per version, with the replicas the lab starts', () => {
    expect(
      servers().map((d) => ({ name: d.metadata.labels?.version, replicas: d.spec.replicas })),
    ).toEqual(scenario.versions.map((v) => ({ name: v.name, replicas: v.replicas })));
  });

  it('injects a sidecar exactly when the lab takes the mesh path', () => {
    for (const deployment of servers()) {
      const injected =
        deployment.spec.template.metadata.labels['sidecar.istio.io/inject'] === 'true';
      expect(injected).toBe(scenario.path === 'mesh');
    }
  });

  it('gives the servers the max-connection-age the lab gives its pods', () => {
    for (const deployment of servers()) {
      const age = flag(deployment.spec.template.spec.containers[0].args, '--max-connection-age');
      expect(age === undefined ? 0 : parseGoDuration(age)).toBe(scenario.maxConnectionAgeMs);
    }
  });

  it('renders a DestinationRule whose subsets and load balancer match the lab', () => {
    const rule = objects.find((o) => o.kind === 'DestinationRule');
    expect(Boolean(rule)).toBe(scenario.routing.enabled);
    if (!rule) return;
    expect(rule.spec.trafficPolicy.loadBalancer.simple).toBe(scenario.routing.loadBalancer);
    expect(
      rule.spec.subsets.map((s: { name: string; labels: Record<string, string> }) => [
        s.name,
        s.labels.version,
      ]),
    ).toEqual(scenario.versions.map((v) => [v.name, v.name]));
  });

  it('renders VirtualService weights equal to the weights the lab pushes through xDS', () => {
    const service = objects.find((o) => o.kind === 'VirtualService');
    expect(Boolean(service)).toBe(scenario.routing.weights.length > 0);
    if (!service) return;
    const routes = service.spec.http[0].route as Array<{
      destination: { subset: string };
      weight: number;
    }>;
    expect(routes.map((r) => ({ version: r.destination.subset, weight: r.weight }))).toEqual(
      scenario.routing.weights,
    );
  });

  it('makes the Service headless exactly when the lab balances on the client', () => {
    const service = objects.find(
      (o) => o.kind === 'Service' && o.metadata.name === scenario.serverName,
    );
    expect(service?.spec.clusterIP === 'None').toBe(scenario.headless);
  });

  it('runs the helm test client with the lab’s expectation, tolerance, repeat, interval and LB policy', () => {
    const pod = objects.find((o) => o.kind === 'Pod');
    const args: string[] = pod?.spec.containers[0].args ?? [];
    expect(flag(args, '--expect')).toBe(scenario.test.expect?.spec);
    expect(Number(flag(args, '--tolerance'))).toBe(scenario.test.tolerance);
    expect(Number(flag(args, '--repeat'))).toBe(scenario.test.repeat);
    const interval = flag(args, '--interval');
    expect(interval === undefined ? 0 : parseGoDuration(interval)).toBe(scenario.test.intervalMs);
    expect(flag(args, '--lb')).toBe(scenario.client.lbPolicy);
  });
});
