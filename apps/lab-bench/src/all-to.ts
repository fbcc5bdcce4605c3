import { type K8sObject, type LabWorld, readLabWorld } from '@grpc-greeter/manifests';

/** The world with the VirtualService edited to send everything to one subset, re-read as the lab would. */
export function allTo(world: LabWorld, subset: string): LabWorld {
  const objects = world.objects.map((object): K8sObject => {
    if (object.kind !== 'VirtualService') return object;
    const copy = structuredClone(object);
    const spec = copy.spec as { http: Array<{ route: Array<Record<string, any>> }> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const route of spec.http[0].route) {
      route['weight'] = route['destination']?.['subset'] === subset ? 100 : 0;
    }
    return copy;
  });
  return readLabWorld(objects, world.namespace, 'bench: all weight to ' + subset);
}
