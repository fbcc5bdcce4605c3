import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@grpc-greeter/testing';
import { TestCluster } from './support/cluster';

// kubectl scale and kubectl rollout restart, carried out by the real Deployment and ReplicaSet
// controllers: new pods become Ready through their probes, old pods get SIGTERM and drain, and a
// client already connected through the Service keeps its one pod (scale-up-no-sidecar).
const ns = 'grpc-nosidecar';
const world = new TestCluster();
const kubectlBinary = join(workspaceRoot, 'dist/apps/kube-control-plane/kubectl');

beforeAll(async () => {
  expect((await world.up()).status).toBe(0);
  const install = world.helmInstall('no-sidecar', ns);
  expect(install.status).toBe(0);
});
afterAll(() => world.down());

/** A kubectl command left running (a client's calls, logs -f) and what it printed by its end. */
function background(...args: string[]): Promise<string> {
  const child = spawn(kubectlBinary, args, { env: world.env });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.on('close', () => resolve(out)));
}

it('scales up while a client calls: the new pods become Ready, the client keeps its one pod', async () => {
  const calls = background(
    ...world.clientExec(ns, '--address=istio-grpc-server:8080', '--repeat=300', '--interval=20ms'),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  world.kubectl('scale', '-n', ns, 'deploy/istio-grpc-server-v1', '--replicas=3');
  world.kubectl('rollout', 'status', '-n', ns, 'deploy/istio-grpc-server-v1', '--timeout=90s');
  expect(world.podNames(ns, 'app=istio-grpc-server,version=v1')).toHaveLength(3);
  const out = await calls;
  expect(out).toContain('300 ok, 0 failed');
  const pods = new Set(
    out
      .split('\n')
      .filter((l) => l.includes('Hello world from'))
      .map((l) => l.split(' ').pop()),
  );
  expect(pods.size).toBe(1);
});

it('rolls out a restart: each old pod gets SIGTERM and drains, as its logs show', async () => {
  const oldPods = world.podNames(ns, 'app=istio-grpc-server,version=v1');
  const logs = oldPods.map((pod) => background('logs', '-f', '-n', ns, pod));
  await new Promise((resolve) => setTimeout(resolve, 500));
  world.kubectl('rollout', 'restart', '-n', ns, 'deploy/istio-grpc-server-v1');
  world.kubectl('rollout', 'status', '-n', ns, 'deploy/istio-grpc-server-v1', '--timeout=120s');
  for (const pod of oldPods)
    world.kubectl('wait', '--for=delete', '-n', ns, `pod/${pod}`, '--timeout=60s');
  for (const log of await Promise.all(logs)) {
    expect(log).toContain('"msg":"signal","signal":"SIGTERM"');
    expect(log).toContain('"msg":"draining"');
  }
  const newPods = world.podNames(ns, 'app=istio-grpc-server,version=v1');
  expect(newPods.filter((pod) => oldPods.includes(pod))).toEqual([]);
});
