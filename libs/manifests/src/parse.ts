import { parseAllDocuments } from 'yaml';
import { ManifestError } from './errors';
import { inNamespace } from './namespace';
import { asArray, type K8sObject } from './objects';

/** The YAML documents of `text` as plain values; throws ManifestError with the parser's first line. */
function yamlDocuments(text: string, source: string): unknown[] {
  return parseAllDocuments(text).map((doc) => {
    const [error] = doc.errors;
    // yaml's first message line is "<what> at line L, column C:"; a code frame follows.
    if (error)
      throw new ManifestError(
        source,
        `invalid YAML: ${error.message.split('\n')[0].replace(/:$/, '')}`,
      );
    return doc.toJS() as unknown;
  });
}

/**
 * Parses multi-document YAML as `kubectl apply -f` reads it: empty documents are skipped and a
 * `kind: List` (what `kubectl get -o yaml` prints) contributes its items. Throws ManifestError with
 * the parser's first line on invalid YAML. With a namespace, objects are read as `kubectl apply -n`
 * creates them (see inNamespace).
 */
export function parseManifests(text: string, source: string, namespace?: string): K8sObject[] {
  return manifestObjects(yamlDocuments(text, source), source, namespace);
}

/** parseManifests for documents already parsed (a render cache keeps them as JSON). */
export function manifestObjects(
  documents: readonly unknown[],
  source: string,
  namespace?: string,
): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const value of documents) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ManifestError(source, 'every YAML document must be a Kubernetes object (a map)');
    }
    const object = value as K8sObject;
    if (object.kind === 'List') objects.push(...(asArray(object['items']) as K8sObject[]));
    else objects.push(object);
  }
  return namespace === undefined ? objects : inNamespace(objects, namespace, source);
}
