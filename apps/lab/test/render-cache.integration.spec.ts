// Render once: the lab keeps helm's output keyed by what it depends on. In a copy of the chart (so
// with a cache of its own), helm is a wrapper that logs each call: a second run starts no helm
// process, and editing one scenario's values file re-renders that scenario only. Each render's YAML
// documents are kept parsed, as JSON, next to it.
import { appendFileSync, chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { findHelm, scenarioFile } from '@grpc-greeter/helm';
import { copyWithAddedScenario, type RepositoryCopy } from '@grpc-greeter/testing';
import { labRows, runLab, withoutHelm } from './run-lab';

const SCENARIOS = ['no-sidecar', 'weighted-90-10'];

describe('the lab renders each scenario once, with helm on the machine', () => {
  let copy: RepositoryCopy;
  let log: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    const helm = findHelm();
    if (!helm) throw new Error('this test needs helm (HELM_BIN, PATH or Go bin)');
    copy = copyWithAddedScenario();
    log = join(copy.root, 'helm-calls.log');
    writeFileSync(log, '');
    const wrapper = join(copy.root, 'helm');
    writeFileSync(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${helm}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    env = { ...process.env, HELM_BIN: wrapper };
  });

  afterAll(() => copy?.dispose());

  /** Runs the two scenarios from the copy; returns the helm calls it made. */
  async function run(): Promise<string[]> {
    writeFileSync(log, '');
    const args = ['--json', ...SCENARIOS.flatMap((name) => ['--scenario', name])];
    const result = await runLab(args, { cwd: copy.root, env, timeoutMs: 90_000 });
    expect(labRows(result.stdout).map((row) => row.verdict)).toEqual(['PASS', 'PASS']);
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  }

  it('renders with helm on a cold cache, and starts no helm process when nothing changed', async () => {
    const cold = await run();
    expect(cold.filter((call) => call.startsWith('template'))).toHaveLength(SCENARIOS.length);
    expect(await run()).toEqual([]);
  }, 200_000);

  it("keeps each render's documents as JSON, the same values as its YAML parsed", () => {
    const dir = join(copy.root, 'node_modules/.cache/grpc-greeter-helm');
    const renders = readdirSync(dir).filter((name) => /^[0-9a-f]{64}\.yaml$/.test(name));
    expect(renders).toHaveLength(SCENARIOS.length);
    for (const render of renders) {
      const yaml = parseAllDocuments(readFileSync(join(dir, render), 'utf8')).map((d) => d.toJS());
      const json = JSON.parse(readFileSync(join(dir, render.replace(/yaml$/, 'json')), 'utf8'));
      expect(json).toEqual(yaml);
    }
  });

  it('re-renders only the scenario whose values file changed', async () => {
    const edited = scenarioFile(copy.chart, 'weighted-90-10');
    appendFileSync(edited, '# edited: the cache key is the file content\n');
    const calls = await run();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/^template .*--values \S*weighted-90-10\.yaml/);
  }, 200_000);
});

describe('the lab parses each committed render once, on a machine without helm', () => {
  let copy: RepositoryCopy;
  const env = withoutHelm();
  const cacheDir = () => join(copy.root, 'node_modules/.cache/grpc-greeter-helm');
  const committedJson = () => readdirSync(cacheDir()).filter((f) => /^committed-/.test(f));

  beforeAll(() => {
    copy = copyWithAddedScenario();
  });
  afterAll(() => copy?.dispose());

  it("keeps each committed render's documents as JSON, the same values as its YAML parsed", async () => {
    const result = await runLab(['--json', '--scenario', 'no-sidecar'], {
      cwd: copy.root,
      env,
      timeoutMs: 90_000,
    });
    expect(labRows(result.stdout).map((row) => row.verdict)).toEqual(['PASS']);
    const yaml = readFileSync(join(copy.chart, 'rendered/no-sidecar.yaml'), 'utf8');
    expect(committedJson()).toHaveLength(1);
    const json = JSON.parse(readFileSync(join(cacheDir(), committedJson()[0]), 'utf8'));
    expect(json).toEqual(parseAllDocuments(yaml).map((d) => d.toJS()));
  }, 120_000);

  it('runs from that JSON next time, not from the YAML', async () => {
    // The kept documents are what the next run reads: a call count changed there shows in its row.
    const file = join(cacheDir(), committedJson()[0]);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"--repeat=200"', '"--repeat=7"'));
    const result = await runLab(['--json', '--scenario', 'no-sidecar'], {
      cwd: copy.root,
      env,
      timeoutMs: 90_000,
    });
    expect(labRows(result.stdout).map((row) => row.client.requests)).toEqual([7]);
  }, 120_000);
});
