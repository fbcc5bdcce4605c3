// What the lab runs, read from the objects alone: no chart values, no chart rules. Each field is
// what a cluster would act on (kube-proxy, DNS, Istio's injector and istiod, the helm test pod).
import { flagValue, withoutFlag } from './args';
import { ManifestError } from './errors';
import { resolveHost, targetHost } from './hosts';
import { meshModeOf, type MeshMode } from './mesh-mode';
import { asRecord, asStringMap, type K8sObject, objectName, selects } from './objects';
import {
  type DestinationPolicy,
  readDestinationRule,
  readGrpcRoute,
  readVirtualService,
  type ServiceRoute,
} from './routing';
import { readService, type ServiceModel, type ServicePort } from './services';
import { containerRunning, listenPort, readWorkload, type Workload } from './workloads';

// Image or command names the lab replaces with its own builds (the tutorial's images included:
// they are wire-compatible, so the lab runs greeter-server where the YAML says istio-grpc-server).
const SERVER_PROGRAMS = ['greeter-server', 'grpc-server'];
const CLIENT_PROGRAMS = ['greeter-client', 'grpc-client'];
// Calls a client makes when the manifests carry no helm test pod to say how many.
const DEFAULT_REPEAT = 200;

export interface ServerWorkload extends Workload {
  /** SERVICE_VERSION as the pod would see it, else the `version` label; undefined: neither. */
  version?: string;
  port: number;
  /** greeter-server's flags as rendered, minus --address (the lab picks each pod's port). */
  serverArgs: string[];
}

export interface ClientSpec {
  /** `Pod/grpc-greeter-test-split`, or the Service it defaults to when no test pod says more. */
  source: string;
  target: string;
  mesh: MeshMode;
  /** greeter-client's flags as rendered, minus --address and --quit-istio-sidecar. */
  args: string[];
  /** --expect / --tolerance of the helm test pod: the verdict, as `helm test` would judge it. */
  expect?: string;
  tolerance?: string;
  repeat: number;
}

export interface LabWorld {
  namespace: string;
  services: ServiceModel[];
  /** The Service the client dials and the port on it. */
  target: { service: ServiceModel; port: ServicePort };
  servers: ServerWorkload[];
  client: ClientSpec;
  destinationRules: DestinationPolicy[];
  routes: ServiceRoute[];
  /** An istio-waypoint Gateway is attached to the target Service (ambient L7). */
  waypoint?: string;
  /** Objects the lab does not model, as `Kind/name`. */
  ignored: string[];
  /** Every object as given, for a control plane that reads them itself (Istio's). */
  objects: readonly K8sObject[];
}

function runs(workload: Workload, programs: readonly string[]) {
  for (const program of programs) {
    const container = containerRunning(workload, program);
    if (container) return container;
  }
  return undefined;
}

function isHelmTest(object: K8sObject): boolean {
  return (object.metadata?.annotations?.['helm.sh/hook'] ?? '').split(',').includes('test');
}

function toServer(workload: Workload): ServerWorkload | undefined {
  const container = runs(workload, SERVER_PROGRAMS);
  if (!container) return undefined;
  return {
    ...workload,
    version: container.env['SERVICE_VERSION'] ?? workload.labels['version'],
    port: listenPort(container) ?? 0,
    serverArgs: withoutFlag(container.args, 'address'),
  };
}

/** Reads the objects `kubectl apply` would receive; `namespace` is where unnamespaced ones go. */
export function readLabWorld(
  objects: readonly K8sObject[],
  namespace: string,
  source: string,
): LabWorld {
  const nsObject = objects.find((o) => o.kind === 'Namespace' && o.metadata?.name === namespace);
  const namespaceLabels = asStringMap(nsObject?.metadata?.labels);
  const ignored: string[] = [];
  const services: ServiceModel[] = [];
  const servers: ServerWorkload[] = [];
  const destinationRules: DestinationPolicy[] = [];
  const routes: ServiceRoute[] = [];
  const gateways: K8sObject[] = [];
  const clients: Array<{ object: K8sObject; args: string[]; mesh: MeshMode }> = [];

  for (const object of objects) {
    const ns = object.metadata?.namespace ?? namespace;
    const workload = readWorkload(object, namespaceLabels);
    if (workload) {
      const server = isHelmTest(object) ? undefined : toServer(workload);
      const clientContainer = runs(workload, CLIENT_PROGRAMS);
      if (server) servers.push(server);
      else if (clientContainer)
        clients.push({ object, args: clientContainer.args, mesh: workload.mesh });
      else ignored.push(objectName(object));
      continue;
    }
    switch (object.kind) {
      case 'Service':
        services.push(readService(object, ns));
        break;
      case 'DestinationRule':
        destinationRules.push(readDestinationRule(object, ns));
        break;
      case 'VirtualService':
        routes.push(...readVirtualService(object, ns));
        break;
      case 'GRPCRoute':
        routes.push(...readGrpcRoute(object, ns));
        break;
      case 'Gateway':
        gateways.push(object);
        break;
      case 'Namespace':
        break;
      default:
        ignored.push(objectName(object));
    }
  }

  // The helm test pod is what runs the client in a cluster; a sleeping client pod is for `kubectl exec`.
  const client = clients.find((c) => isHelmTest(c.object)) ?? clients[0];
  ignored.push(...clients.filter((c) => c !== client).map((c) => objectName(c.object)));
  const renderedTarget =
    client && isHelmTest(client.object) ? flagValue(client.args, 'address') : undefined;
  const service = renderedTarget
    ? findService(services, targetHost(renderedTarget).host, namespace)
    : services.find((s) => servers.some((w) => selects(s.selector, w.labels)));
  if (!service) {
    throw new ManifestError(
      source,
      renderedTarget
        ? `no Service ${targetHost(renderedTarget).host} for the client's --address=${renderedTarget}`
        : servers.length === 0
          ? 'no greeter-server Deployment found (a container whose image or command is greeter-server)'
          : 'no Service selects the greeter-server pods',
    );
  }
  const wantedPort = renderedTarget ? targetHost(renderedTarget).port : undefined;
  const port = service.ports.find((p) => wantedPort === undefined || p.port === wantedPort);
  if (!port) throw new ManifestError(source, `${service.source} has no port ${wantedPort}`);
  const target = renderedTarget ?? `${service.name}:${port.port}`;
  const args = withoutFlag(withoutFlag(client?.args ?? [], 'address'), 'quit-istio-sidecar');
  const repeat = flagValue(args, 'repeat');
  return {
    namespace,
    services,
    target: { service, port },
    servers,
    client: {
      source: client ? objectName(client.object) : `${service.source} (no client pod: defaults)`,
      target,
      mesh: client?.mesh ?? meshModeOf({ labels: {}, annotations: {} }, namespaceLabels),
      args: withoutFlag(args, 'repeat'),
      expect: flagValue(args, 'expect'),
      tolerance: flagValue(args, 'tolerance'),
      repeat: repeat === undefined ? DEFAULT_REPEAT : Number(repeat),
    },
    destinationRules,
    routes,
    waypoint: attachedWaypoint(service, namespaceLabels, gateways),
    ignored,
    objects,
  };
}

function findService(services: readonly ServiceModel[], host: string, namespace: string) {
  const fqdn = resolveHost(host, namespace);
  return services.find((s) => s.fqdn === fqdn);
}

/** `istio.io/use-waypoint` on the Service (or its namespace) naming an istio-waypoint Gateway. */
function attachedWaypoint(
  service: ServiceModel,
  namespaceLabels: Readonly<Record<string, string>>,
  gateways: readonly K8sObject[],
): string | undefined {
  const name = service.labels['istio.io/use-waypoint'] ?? namespaceLabels['istio.io/use-waypoint'];
  const gateway = gateways.find(
    (g) => g.metadata?.name === name && asRecord(g.spec)['gatewayClassName'] === 'istio-waypoint',
  );
  return gateway ? name : undefined;
}
