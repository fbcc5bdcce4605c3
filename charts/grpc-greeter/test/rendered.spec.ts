// The committed renders are what the lab runs on a machine without helm: they must be exactly what
// helm renders now, for every scenario file (refresh them with `npx nx run chart:render`).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installOf, renderedFile, staleRenders } from '@grpc-greeter/helm';
import { CHART_DIR, MIN_KUBE_VERSION, SCENARIO_NAMES, scenarioFileOf } from './support/paths';

// Each staleness check runs helm once per scenario and phase (over 30 renders): seconds on two busy
// cores, beyond Jest's default 5 s.
const RENDER_ALL_MS = 60_000;

describe('charts/grpc-greeter/rendered/', () => {
  it(
    'holds a fresh `helm template` of every scenario file (none stale, none missing)',
    async () => {
      expect(await staleRenders(CHART_DIR)).toEqual([]);
    },
    RENDER_ALL_MS,
  );

  it(
    'Should report a scenario as stale when its file changes without a re-render',
    async () => {
      const copy = mkdtempSync(join(tmpdir(), 'chart-stale-'));
      try {
        cpSync(CHART_DIR, copy, {
          recursive: true,
          filter: (src) => !src.includes('node_modules'),
        });
        const scenario = join(copy, 'scenarios', 'weighted-90-10.yaml');
        const edited = readFileSync(scenario, 'utf8')
          .replace('v1: 90', 'v1: 80')
          .replace('v2: 10', 'v2: 20');
        writeFileSync(scenario, edited);
        expect(await staleRenders(copy)).toEqual(['weighted-90-10']);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    },
    RENDER_ALL_MS,
  );

  it('names in each render the helm template command it came from, with the scenario’s install namespace', () => {
    for (const name of SCENARIO_NAMES) {
      const install = installOf(scenarioFileOf(name));
      expect({ name, install: install !== undefined }).toEqual({ name, install: true });
      expect(readFileSync(renderedFile(CHART_DIR, name), 'utf8')).toContain(
        `#   helm template ${install?.release} charts/grpc-greeter -n ${install?.namespace} --kube-version ${MIN_KUBE_VERSION} -f charts/grpc-greeter/scenarios/${name}.yaml\n`,
      );
    }
  });
});
