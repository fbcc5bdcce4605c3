// NOTES.txt as `helm install` would print it, and the values helm computed for the release.
// `helm template` never renders NOTES.txt (nor prints values) and an offline `helm install
// --dry-run` still wants a cluster, so: copy the chart to a temp dir, add one template that emits
// the same named template NOTES.txt includes, and `.Values`, and render only that.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { helm } from '@grpc-greeter/testing';
import { CHART_DIR } from './paths';
import { RenderOptions, templateArgs } from './render';

const CHART_PARTS = ['Chart.yaml', 'values.yaml', 'values.schema.json', '.helmignore', 'templates'];
const PROBE = 'templates/notes-probe.yaml';

export interface Probe {
  notes: string;
  /** The release's values: values.yaml with every values file and --set merged over it. */
  values: Record<string, unknown>;
}

export interface NotesRenderer {
  render(opts: RenderOptions): Promise<string>;
  probe(opts: RenderOptions): Promise<Probe>;
  dispose(): void;
}

export function notesRenderer(): NotesRenderer {
  const dir = mkdtempSync(join(tmpdir(), 'grpc-greeter-notes-'));
  for (const part of CHART_PARTS) {
    cpSync(join(CHART_DIR, part), join(dir, part), { recursive: true });
  }
  writeFileSync(
    join(dir, PROBE),
    'kind: NotesProbe\nnotes: {{ include "grpc-greeter.notes" . | toJson }}\n' +
      'values: {{ toJson .Values }}\n',
  );
  const probe = async (opts: RenderOptions) => {
    const args = [...templateArgs(opts, dir), '--show-only', PROBE];
    const result = await helm(args);
    if (result.code !== 0) throw new Error(`rendering NOTES failed:\n${result.stderr}`);
    return parse(result.stdout) as Probe;
  };
  return {
    probe,
    async render(opts) {
      return (await probe(opts)).notes;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
