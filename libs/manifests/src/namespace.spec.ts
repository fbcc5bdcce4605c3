import { inNamespace } from './namespace';
import type { K8sObject } from './objects';

const service: K8sObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'greeter' } };
const namespace: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mesh' } };

describe('inNamespace (kubectl apply -n)', () => {
  it('puts objects that name no namespace into it, and leaves cluster-scoped ones alone', () => {
    expect(inNamespace([service, namespace], 'mesh', 'a.yaml')).toEqual([
      { ...service, metadata: { name: 'greeter', namespace: 'mesh' } },
      namespace,
    ]);
  });

  it('keeps an object that names the same namespace', () => {
    const same = { ...service, metadata: { name: 'greeter', namespace: 'mesh' } };
    expect(inNamespace([same], 'mesh', 'a.yaml')).toEqual([same]);
  });

  it('refuses an object that names another namespace, as kubectl does', () => {
    const other = { ...service, metadata: { name: 'greeter', namespace: 'other' } };
    expect(() => inNamespace([other], 'mesh', 'a.yaml')).toThrow(
      'a.yaml: Service/greeter: the namespace from the provided object "other" does not match ' +
        `the namespace "mesh". You must pass '--namespace=other' to perform this operation.`,
    );
  });
});
