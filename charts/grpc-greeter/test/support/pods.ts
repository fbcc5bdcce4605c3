// Typed views on rendered objects: every pod the chart would run (Deployment templates and the
// helm test Pod), and the typed kinds the specs inspect.
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment' with {
  'resolution-mode': 'import',
};
import type { IPod } from 'kubernetes-models/v1/Pod' with { 'resolution-mode': 'import' };
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec' with { 'resolution-mode': 'import' };
import type { IService } from 'kubernetes-models/v1/Service' with { 'resolution-mode': 'import' };
import type { IDestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1/DestinationRule' with {
  'resolution-mode': 'import',
};
import type { IVirtualService } from '@kubernetes-models/istio/networking.istio.io/v1/VirtualService' with {
  'resolution-mode': 'import',
};
import type { IGRPCRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GRPCRoute' with {
  'resolution-mode': 'import',
};
import type { IGateway } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway' with {
  'resolution-mode': 'import',
};
import { K8sObject, Rendered } from './render';

/**
 * The model types make every field optional (they describe any object of the kind). The specs read
 * objects this chart rendered, where the fields they read are present; a missing one fails the
 * test with a TypeError. `Full<T>` states that once instead of a `!` at every access.
 */
export type Full<T> = T extends (infer U)[]
  ? Full<U>[]
  : T extends object
    ? { [K in keyof T]-?: Full<T[K]> }
    : T;

export type Deployment = Full<IDeployment>;
export type Pod = Full<IPod>;
export type PodSpec = Full<IPodSpec>;
export type Service = Full<IService>;
export type DestinationRule = Full<IDestinationRule>;
export type VirtualService = Full<IVirtualService>;
export type GRPCRoute = Full<IGRPCRoute>;
export type Gateway = Full<IGateway>;

export interface PodView {
  /** `Deployment/<name>` or `Pod/<name>`: which object runs this pod. */
  owner: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: PodSpec;
}

export function asType<T>(object: K8sObject): T {
  return object as unknown as T;
}

export function podsOf(rendered: Rendered): PodView[] {
  const fromDeployments = rendered.all('Deployment').map((object) => {
    const { template } = asType<Deployment>(object).spec;
    return {
      owner: `Deployment/${object.metadata.name}`,
      labels: template.metadata.labels ?? {},
      annotations: template.metadata.annotations ?? {},
      spec: template.spec,
    };
  });
  const fromPods = rendered.all('Pod').map((object) => {
    const pod = asType<Pod>(object);
    return {
      owner: `Pod/${object.metadata.name}`,
      labels: pod.metadata.labels ?? {},
      annotations: pod.metadata.annotations ?? {},
      spec: pod.spec,
    };
  });
  return [...fromDeployments, ...fromPods];
}

/** The helm test hook pod (annotated helm.sh/hook: test). */
export function testPod(rendered: Rendered): Pod {
  const hook = rendered.all('Pod').find((p) => p.metadata.annotations?.['helm.sh/hook'] === 'test');
  if (!hook) throw new Error('no helm test hook Pod in the rendered chart');
  return asType<Pod>(hook);
}
