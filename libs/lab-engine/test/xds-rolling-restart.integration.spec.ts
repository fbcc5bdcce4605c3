import {
  ProcessRegistry,
  runGreeterClient,
  startGreeterServer,
} from '@grpc-greeter/greeter-process';
import { findChartDir } from '@grpc-greeter/helm';
import { builtApp, waitFor, workspaceRoot } from '@grpc-greeter/testing';
import { inputContext, loadInput } from '../src/inputs/load-input';
import type { Pod } from '../src/cluster/pods';
import { startBuiltinPlane } from '../src/mesh/builtin-plane';

async function startPod(hostname: string, version: string, port = 0): Promise<Pod> {
  const server = await startGreeterServer({
    main: builtApp('greeter-server'),
    hostname,
    version,
    port,
    // The drain is what makes a restart invisible: NOT_SERVING first, GOAWAY only after.
    args: ['--drain-seconds=1', '--shutdown-timeout-seconds=2'],
  });
  const labels = { app: 'istio-grpc-server', version };
  return {
    ...server,
    host: '127.0.0.1',
    labels,
    deployment: `istio-grpc-server-${version}`,
    templateHash: 'same',
  };
}

// Issue 6 on the mesh path: a pod of the lab's xDS-routed service is restarted in place (same
// address, like a StatefulSet pod; a Deployment's new pod would come with an EDS update instead)
// while the real client keeps calling through xds:///.
describe('rolling restart behind the lab’s xDS path', () => {
  const registry = new ProcessRegistry();
  afterEach(() => registry.stopAll());

  it('loses no call while one of two pods is drained, stopped and replaced', async () => {
    const { world } = await loadInput(
      { kind: 'scenario', value: 'sidecar-round-robin' },
      inputContext(findChartDir(workspaceRoot)),
    );
    const pods = [
      registry.track(await startPod('istio-grpc-server-v1-aaaaaaaaaa-aaaaa', 'v1')),
      registry.track(await startPod('istio-grpc-server-v2-bbbbbbbbbb-bbbbb', 'v2')),
    ];
    const mesh = await startBuiltinPlane(world, pods);
    try {
      let replies = 0;
      const run = runGreeterClient(
        ['--insecure', `--address=${mesh.target}`, '--repeat=1000', '--interval=4ms'],
        {
          registry,
          env: mesh.clientEnv,
          onReply: () => (replies += 1),
        },
      );
      await waitFor('calls to flow', () => replies > 100, 15_000);
      const [restarted] = pods;
      await restarted.stop('SIGTERM');
      const replacement = registry.track(
        await startPod('istio-grpc-server-v1-aaaaaaaaaa-ccccc', 'v1', restarted.port),
      );

      const { result, exitCode } = await run;
      expect(result).toMatchObject({ requests: 1000, ok: 1000, failed: 0 });
      expect(result?.byHostname[replacement.hostname]).toBeGreaterThan(0);
      expect(exitCode).toBe(0);
    } finally {
      await mesh.close();
    }
  }, 60_000);
});
