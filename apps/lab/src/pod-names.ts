import { randomInt } from 'node:crypto';

// Kubernetes' safe alphabet for generated names (no vowels, no look-alike digits).
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function randomString(length: number): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/**
 * A name shaped like a Deployment's pod, `istio-grpc-server-v1-546d9876c4-j2p9r`: one ReplicaSet hash
 * per Deployment, a random suffix per pod. The lab's servers use it as their hostname header.
 */
export function podNamer(deployment: string): () => string {
  const replicaSetHash = randomString(10);
  return () => `${deployment}-${replicaSetHash}-${randomString(5)}`;
}
