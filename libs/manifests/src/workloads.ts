import { createHash } from 'node:crypto';
import { flagValue } from './args';
import { meshModeOf, type MeshMode } from './mesh-mode';
import { asArray, asRecord, asStringMap, type K8sObject } from './objects';

export interface Container {
  name: string;
  image: string;
  command: string[];
  args: string[];
  env: Record<string, string>;
  ports: number[];
}

/** A Deployment's pod template, or a bare Pod, as the lab will run it. */
export interface Workload {
  kind: 'Deployment' | 'Pod';
  name: string;
  replicas: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  containers: Container[];
  mesh: MeshMode;
  /** Changes exactly when the pod template does, i.e. when a Deployment would roll out new pods. */
  templateHash: string;
}

function readEnv(entries: unknown[], labels: Record<string, string>) {
  const env: Record<string, string> = {};
  for (const raw of entries) {
    const entry = asRecord(raw);
    const key = String(entry['name'] ?? '');
    if ('value' in entry) env[key] = String(entry['value']);
    // Labels are known from the template; metadata.name is per pod, and the lab names its pods.
    const path = String(asRecord(asRecord(entry['valueFrom'])['fieldRef'])['fieldPath'] ?? '');
    const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
    if (label && labels[label[1]] !== undefined) env[key] = labels[label[1]];
  }
  return env;
}

function readContainers(podSpec: Record<string, unknown>, labels: Record<string, string>) {
  return asArray(podSpec['containers']).map((raw): Container => {
    const c = asRecord(raw);
    return {
      name: String(c['name'] ?? ''),
      image: String(c['image'] ?? ''),
      command: asArray(c['command']).map(String),
      args: asArray(c['args']).map(String),
      env: readEnv(asArray(c['env']), labels),
      ports: asArray(c['ports']).map((p) => Number(asRecord(p)['containerPort'])),
    };
  });
}

/** Deployments and bare Pods; `namespaceLabels` comes from a Namespace object in the input, if any. */
export function readWorkload(
  object: K8sObject,
  namespaceLabels: Readonly<Record<string, string>>,
): Workload | undefined {
  if (object.kind !== 'Deployment' && object.kind !== 'Pod') return undefined;
  const name = object.metadata?.name ?? '';
  const spec = asRecord(object.spec);
  const template = object.kind === 'Pod' ? object : asRecord(spec['template']);
  const meta = asRecord(template['metadata']);
  const podSpec = asRecord(object.kind === 'Pod' ? spec : template['spec']);
  const labels = asStringMap(meta['labels']);
  const annotations = asStringMap(meta['annotations']);
  return {
    kind: object.kind,
    name,
    replicas: object.kind === 'Pod' ? 1 : Number(spec['replicas'] ?? 1),
    labels,
    annotations,
    containers: readContainers(podSpec, labels),
    mesh: meshModeOf({ labels, annotations }, namespaceLabels),
    templateHash: createHash('sha256')
      .update(JSON.stringify({ meta, podSpec }))
      .digest('hex')
      .slice(0, 10),
  };
}

/** The container running `program` (matched on its image name or its command). */
export function containerRunning(workload: Workload, program: string): Container | undefined {
  return workload.containers.find(
    (c) => c.image.includes(program) || c.command.some((part) => part.endsWith(`/${program}`)),
  );
}

/** The port a server container listens on: its `--address` flag, else its first containerPort. */
export function listenPort(container: Container): number | undefined {
  const address = flagValue(container.args, 'address');
  const fromFlag = address ? Number(address.slice(address.lastIndexOf(':') + 1)) : NaN;
  return Number.isInteger(fromFlag) ? fromFlag : container.ports[0];
}
