// How the live view changes a running scenario the way a cluster user would: values merged over
// the scenario file (helm upgrade -f … --set …) and `kubectl rollout restart`'s annotation.
import { renderValues } from '@grpc-greeter/helm';
import {
  type K8sObject,
  type LabWorld,
  parseManifests,
  readLabWorld,
} from '@grpc-greeter/manifests';
import type { InputContext } from '../inputs/load-input';

export type Values = Record<string, unknown>;

const isMap = (v: unknown): v is Values => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `extra` over `base`, maps merged as helm merges values files; weights replace as a whole. */
export function mergeValues(base: Values, extra: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const both = out[key];
    out[key] = isMap(both) && isMap(value) && key !== 'weights' ? mergeValues(both, value) : value;
  }
  return out;
}

/** The scenario file with the live changes over it, as `helm upgrade` would render it, restarts kept. */
export async function renderChange(
  ctx: InputContext,
  file: string | undefined,
  override: Values,
  restarts: ReadonlyMap<string, string>,
): Promise<LabWorld> {
  if (!file || !ctx.helmBin)
    throw new Error('live changes are rendered by helm: run the lab with helm and --scenario');
  const result = await renderValues(ctx.chartDir, file, ctx.helmBin, override);
  if (!result.ok) throw new Error(result.error);
  return readLabWorld(withRestarts(result.manifests, restarts), result.install.namespace, file);
}

/** `kubectl rollout restart`: the Deployment's pod template gets a kubectl.kubernetes.io/restartedAt annotation. */
function withRestarts(manifests: string, restarts: ReadonlyMap<string, string>): K8sObject[] {
  return parseManifests(manifests, 'helm template').map((object) => {
    const at = object.kind === 'Deployment' ? restarts.get(object.metadata?.name ?? '') : undefined;
    if (!at) return object;
    const spec = object.spec as {
      template: { metadata?: { annotations?: Record<string, string> } };
    };
    const metadata = spec.template.metadata ?? {};
    return {
      ...object,
      spec: {
        ...spec,
        template: {
          ...spec.template,
          metadata: {
            ...metadata,
            annotations: { ...metadata.annotations, 'kubectl.kubernetes.io/restartedAt': at },
          },
        },
      },
    };
  });
}
