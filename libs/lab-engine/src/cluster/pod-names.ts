import { randomInt } from 'node:crypto';

// Kubernetes' safe alphabet for generated names (no vowels, no look-alike digits).
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function randomString(length: number): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

function safeHash(templateHash: string): string {
  return [...templateHash].map((c) => ALPHABET[parseInt(c, 16) % ALPHABET.length]).join('');
}

/**
 * A name shaped like a Deployment's pod, `istio-grpc-server-v1-546d9876c4-j2p9r`: the ReplicaSet's
 * hash comes from the pod template (so a rollout changes it, as in a cluster), a random suffix per pod.
 */
export function podNamer(deployment: string, templateHash: string): () => string {
  const replicaSetHash = safeHash(templateHash).slice(0, 10);
  return () => `${deployment}-${replicaSetHash}-${randomString(5)}`;
}
