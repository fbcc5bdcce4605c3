import { serviceFqdn } from './hosts';
import { asArray, asRecord, asStringMap, type K8sObject, objectName } from './objects';

export interface ServicePort {
  name?: string;
  port: number;
  appProtocol?: string;
}

export interface ServiceModel {
  source: string;
  name: string;
  fqdn: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  ports: ServicePort[];
  /** clusterIP: None: DNS answers with every ready pod's address. */
  headless: boolean;
}

export function readService(object: K8sObject, namespace: string): ServiceModel {
  const spec = asRecord(object.spec);
  const name = object.metadata?.name ?? '';
  return {
    source: objectName(object),
    name,
    fqdn: serviceFqdn(name, namespace),
    labels: asStringMap(object.metadata?.labels),
    selector: asStringMap(spec['selector']),
    ports: asArray(spec['ports']).map((raw) => {
      const port = asRecord(raw);
      return {
        name: port['name'] === undefined ? undefined : String(port['name']),
        port: Number(port['port']),
        appProtocol: port['appProtocol'] === undefined ? undefined : String(port['appProtocol']),
      };
    }),
    headless: spec['clusterIP'] === 'None',
  };
}
