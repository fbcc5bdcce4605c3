import { UNKNOWN_VERSION, versionFromPodName } from './pod-version';

describe('versionFromPodName', () => {
  it.each([
    ['istio-grpc-server-v2-66d9b8847-276bd', 'v2'],
    ['istio-grpc-server-v1-d7747fdpsp-cxjrp', 'v1'],
    ['istio-grpc-server-v12', 'v12'],
    ['istio-grpc-server-v3-canary-abc', 'v3'],
  ])('reads %s as %s', (podName, version) => {
    expect(versionFromPodName(podName)).toBe(version);
  });

  it.each(['pod-a', 'istio-grpc-serverv2-abc', 'istio-grpc-server-v2x-abc', 'v2-first', ''])(
    'does not invent a version for %p',
    (podName) => {
      expect(versionFromPodName(podName)).toBe(UNKNOWN_VERSION);
    },
  );
});
