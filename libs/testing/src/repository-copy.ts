// A copy of the repository's catalogue (the chart and skaffold.yaml) in a temp folder with one
// scenario file added, for the tests that show adding a scenario is one values file: the lab, the
// renders and skaffold.yaml must pick it up from the folder alone.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { CHART_PATH, scenarioFile } from '@grpc-greeter/helm';
import { workspaceRoot } from './paths';

/** The added scenario: its file name, where it installs, and the split the chart derives for it. */
export const ADDED_SCENARIO = {
  name: 'weighted-70-30',
  namespace: 'grpc-weighted',
  expect: 'v1=70,v2=30',
};

export interface RepositoryCopy {
  /** The copy's root: the lab run from here finds its chart. */
  root: string;
  chart: string;
  dispose(): void;
}

export function copyWithAddedScenario(): RepositoryCopy {
  const root = mkdtempSync(join(tmpdir(), 'grpc-greeter-catalogue-'));
  const chart = join(root, CHART_PATH);
  cpSync(join(workspaceRoot, CHART_PATH), chart, {
    recursive: true,
    filter: (src) => !src.includes('node_modules'),
  });
  cpSync(join(workspaceRoot, 'skaffold.yaml'), join(root, 'skaffold.yaml'));
  writeFileSync(
    scenarioFile(chart, ADDED_SCENARIO.name),
    stringify({
      scenario: {
        description: 'Istio sidecar, VirtualService weights 70/30',
        namespace: ADDED_SCENARIO.namespace,
        release: 'grpc-greeter',
      },
      mesh: { sidecar: true },
      routing: { enabled: true, weights: { v1: 70, v2: 30 } },
    }),
  );
  return { root, chart, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
