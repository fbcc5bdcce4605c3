// NOTES.txt as `helm install` would print it. `helm template` never renders NOTES.txt and an
// offline `helm install --dry-run` still wants a cluster, so: copy the chart to a temp dir, add one
// template that emits the same named template NOTES.txt includes, and render only that.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CHART_DIR } from './paths';
import { helm } from '@grpc-greeter/testing';
import { RenderOptions, templateArgs } from './render';

const CHART_PARTS = ['Chart.yaml', 'values.yaml', 'values.schema.json', '.helmignore', 'templates'];
const PROBE = 'templates/notes-probe.yaml';

export interface NotesRenderer {
  render(opts: RenderOptions): Promise<string>;
  dispose(): void;
}

export function notesRenderer(): NotesRenderer {
  const dir = mkdtempSync(join(tmpdir(), 'grpc-greeter-notes-'));
  for (const part of CHART_PARTS) {
    cpSync(join(CHART_DIR, part), join(dir, part), { recursive: true });
  }
  writeFileSync(
    join(dir, PROBE),
    'kind: NotesProbe\nnotes: {{ include "grpc-greeter.notes" . | toJson }}\n',
  );
  return {
    async render(opts) {
      const args = [...templateArgs(opts, dir), '--show-only', PROBE];
      const result = await helm(args);
      if (result.code !== 0) throw new Error(`rendering NOTES failed:\n${result.stderr}`);
      return (parse(result.stdout) as { notes: string }).notes;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
