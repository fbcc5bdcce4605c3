/** What a reply counts as when neither a `version` header nor the pod name says. */
export const UNKNOWN_VERSION = 'unknown';

/**
 * The version in a pod name made by a per-version Deployment, as the tutorial's are
 * (istio-grpc-server-v2-66d9b8847-276bd → v2). The tutorial's YAML sets no SERVICE_VERSION and its
 * Go images send no `version` header, so the pod name is the only place the version is written.
 */
export function versionFromPodName(podName: string): string {
  return /-(v\d+)(-|$)/.exec(podName)?.[1] ?? UNKNOWN_VERSION;
}
