// `-n NAMESPACE` with --manifests, as `kubectl apply -n`: the tutorial's own sidecar YAML names no
// namespace, so it runs in the mesh only when applied into the namespace labelled for injection.
import { join } from 'node:path';
import { workspaceRoot } from '@grpc-greeter/testing';
import { labRows, runLab } from './run-lab';

const FIXTURES = join(workspaceRoot, 'libs/manifests/test/fixtures/tutorial-sidecar');
// The tutorial's two files, after the Namespace it creates first (istio-injection=enabled).
const FILES = ['namespace.yaml', 'istio-grpc-server.yaml', 'istio-grpc-client.yaml']
  .map((name) => join(FIXTURES, name))
  .join(',');

describe('lab -n NAMESPACE --manifests FILES', () => {
  it('runs the tutorial’s sidecar files in grpc-sidecar on the mesh path, every call answered', async () => {
    const result = await runLab(['--json', '-n', 'grpc-sidecar', '--manifests', FILES]);
    const [row] = labRows(result.stdout);
    expect(row.path).toBe('mesh');
    expect(row.client.failed).toBe(0);
    expect(Object.keys(row.client.byVersion).sort()).toEqual(['v1', 'v2']);
    expect(result.code).toBe(0);
  }, 90_000);

  it('without -n, the same files land in default, outside the mesh (as kubectl apply does)', async () => {
    const result = await runLab(['--json', '--manifests', FILES]);
    expect(labRows(result.stdout)[0].path).toBe('kube-proxy');
  }, 90_000);

  it('refuses an object that names another namespace, with kubectl’s message, and starts nothing', async () => {
    const stdin =
      'apiVersion: v1\nkind: Service\nmetadata: {name: greeter, namespace: grpc-sidecar}\n';
    const result = await runLab(['-n', 'elsewhere', '--manifests', '-'], { stdin });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('does not match the namespace "elsewhere"');
  });

  it('is refused without --manifests: a scenario file names its own namespace', async () => {
    const result = await runLab(['-n', 'grpc-sidecar', '--scenario', 'no-sidecar']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('-n/--namespace applies to --manifests');
  });
});
