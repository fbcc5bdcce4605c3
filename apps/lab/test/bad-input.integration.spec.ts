import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_INSTALL, helm, helmError, templateArgs } from '@grpc-greeter/helm';
import { workspaceRoot } from '@grpc-greeter/testing';
import { labChildrenMentioning, runLab, withoutHelm } from './run-lab';

const CHART = join(workspaceRoot, 'charts/grpc-greeter');

describe('lab on input the cluster would refuse', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lab-bad-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'weights 50+60',
      'mesh: {sidecar: true}\nrouting: {enabled: true, weights: {v1: 50, v2: 60}}\n',
    ],
    [
      'an unknown version',
      'mesh: {sidecar: true}\nrouting: {enabled: true, weights: {v1: 50, v3: 50}}\n',
    ],
    ['a bad version name', 'server: {versions: [{name: V_1, replicas: 1}]}\n'],
  ])(
    '%s: prints helm’s own message in one line, exits ≠ 0, starts no process',
    async (_case, yaml) => {
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, yaml);
      const fromHelm = helmError(await helm(templateArgs(CHART, [file], DEFAULT_INSTALL)));
      expect(fromHelm).toMatch(/^Error: /);

      const result = await runLab(['--scenario', file]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toBe(`lab: ${file}: ${fromHelm}\n`);
      expect(result.stdout).toBe('');
      expect(await labChildrenMentioning(dir)).toEqual([]);
    },
  );

  it('a missing scenario is one line listing the scenarios that exist', async () => {
    const result = await runLab(['--scenario', 'no-such-scenario']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(
      /^lab: no-such-scenario: no such scenario \(available: no-sidecar, .*\)\n$/,
    );
  });

  it('a bad second input stops the lab before the first one runs (nothing half-done)', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'routing: {weights: {v1: -1, v2: 101}}\n');
    const result = await runLab(['--scenario', 'no-sidecar', '--scenario', file]);
    expect(result.code).not.toBe(0);
    expect(result.stdout).not.toContain('Hello world');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it.each([
    ['invalid YAML', 'kind: Service\n  bad: [indent\n', /^lab: stdin: invalid YAML: .+\n$/],
    [
      'no server at all',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
      /^lab: stdin: no greeter-server Deployment found .+\n$/,
    ],
  ])('manifests with %s: one line, exit ≠ 0', async (_case, yaml, message) => {
    const result = await runLab(['--manifests', '-'], { stdin: yaml });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('a values file without helm is one line saying what is needed', async () => {
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, readFileSync(join(CHART, 'scenarios/weighted-90-10.yaml')));
    const result = await runLab(['--scenario', file], { env: withoutHelm() });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(
      /rendering a values file needs helm \(set HELM_BIN or put helm on PATH\)/,
    );
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
