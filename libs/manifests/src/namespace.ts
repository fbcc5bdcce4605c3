// `kubectl apply -n NAMESPACE`: objects that name no namespace are created there; an object that
// names another one is refused, with kubectl's own message. Cluster-scoped kinds have no namespace.
// The list is the cluster-scoped kinds a workload's YAML carries; the API server's discovery is what
// kubectl asks, and the lab has no API server to ask.
import { ManifestError } from './errors';
import { type K8sObject, objectName } from './objects';

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'GatewayClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'PersistentVolume',
  'PriorityClass',
  'StorageClass',
  'ValidatingWebhookConfiguration',
]);

/** The objects as `kubectl apply -n namespace` creates them; throws ManifestError on a mismatch. */
export function inNamespace(
  objects: readonly K8sObject[],
  namespace: string,
  source: string,
): K8sObject[] {
  return objects.map((object) => {
    if (CLUSTER_SCOPED.has(object.kind ?? '')) return object;
    const own = object.metadata?.namespace;
    if (own && own !== namespace) {
      throw new ManifestError(
        source,
        `${objectName(object)}: the namespace from the provided object "${own}" does not match ` +
          `the namespace "${namespace}". You must pass '--namespace=${own}' to perform this operation.`,
      );
    }
    return { ...object, metadata: { ...object.metadata, namespace } };
  });
}
