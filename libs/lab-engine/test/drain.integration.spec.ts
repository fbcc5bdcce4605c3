import { setTimeout as sleep } from 'node:timers/promises';
import {
  ProcessRegistry,
  runGreeterClient,
  startGreeterServer,
} from '@grpc-greeter/greeter-process';
import { builtApp, waitFor } from '@grpc-greeter/testing';
import { ENDPOINT_REMOVAL_LAG_MS } from '../src/cluster/lab-cluster';
import { KubeProxyClusterIp } from '../src/paths/kube-proxy';

/**
 * Issue 6: what the server's drain is for. Behind a ClusterIP, a pod keeps receiving *new*
 * connections until its endpoint is removed. Here kube-proxy's random pick lands on the terminating
 * pod every time (the worst case: `random` always picks the first backend), and the client does
 * not retry, so any refused connection is a failed call.
 */
async function restartBehindClusterIp(drainSeconds: number) {
  const registry = new ProcessRegistry();
  const start = (hostname: string) =>
    startGreeterServer({
      main: builtApp('greeter-server'),
      hostname,
      version: 'v1',
      args: [`--drain-seconds=${drainSeconds}`, '--shutdown-timeout-seconds=1'],
    }).then((pod) => registry.track(pod));
  const [terminating, survivor] = [await start('pod-terminating'), await start('pod-survivor')];
  const clusterIp = new KubeProxyClusterIp(
    [terminating, survivor].map((pod) => ({ host: '127.0.0.1', port: pod.port })),
    () => 0,
  );
  const port = await clusterIp.listen();
  try {
    let replies = 0;
    const run = runGreeterClient(
      [
        '--insecure',
        `--address=127.0.0.1:${port}`,
        '--repeat=300',
        '--interval=10ms',
        '--retries=0',
        '--timeout=1s',
      ],
      { registry, onReply: () => (replies += 1) },
    );
    await waitFor('calls to flow', () => replies >= 20, 15_000);
    terminating.child.kill('SIGTERM');
    await sleep(ENDPOINT_REMOVAL_LAG_MS);
    clusterIp.setBackends([{ host: '127.0.0.1', port: survivor.port }]);
    const { result } = await run;
    return result;
  } finally {
    await clusterIp.close();
    await registry.stopAll();
  }
}

describe('server drain behind a ClusterIP whose endpoints lag', () => {
  it('with a drain longer than the lag, no call fails during the restart', async () => {
    const result = await restartBehindClusterIp(2);
    expect(result).toMatchObject({ requests: 300, failed: 0 });
    expect(Object.keys(result?.byHostname ?? {}).sort()).toEqual([
      'pod-survivor',
      'pod-terminating',
    ]);
  }, 30_000);

  it('without the drain, calls fail while the endpoint is still listed (the drain is what prevents it)', async () => {
    const result = await restartBehindClusterIp(0);
    expect(result?.failed).toBeGreaterThan(0);
    expect(Object.keys(result?.errors ?? {})).toEqual(['UNAVAILABLE']);
    expect(result?.byHostname['pod-survivor']).toBeGreaterThan(0);
  }, 30_000);
});
