// What the lab runs: rendered manifests. A scenario name is rendered with the chart (live with helm,
// else from the committed render); --manifests takes any multi-document YAML, `-` for stdin.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  committedRenderDocuments,
  DEFAULT_INSTALL,
  findHelm,
  installOf,
  listScenarios,
  type Phase,
  readPhases,
  readRendered,
  renderValuesCached,
  scenarioFile,
} from '@grpc-greeter/helm';
import {
  type LabWorld,
  manifestObjects,
  parseManifests,
  readLabWorld,
} from '@grpc-greeter/manifests';

export class LabInputError extends Error {}

/**
 * A scenario, or manifests: a file, `-` for stdin, or files separated by commas (as `kubectl apply
 * -f a.yaml,b.yaml` reads them, one set of objects); `namespace` is `kubectl apply -n`'s.
 */
export type InputSpec =
  { kind: 'scenario'; value: string } | { kind: 'manifests'; value: string; namespace?: string };

/** One of a scenario's phases (scenario.phases), its values rendered into the world it runs on. */
export interface LabPhase extends Omit<Phase, 'values'> {
  world: LabWorld;
}

export interface LabInput {
  /** Scenario name or file name: the table's first column. */
  name: string;
  /** The file to watch (undefined for stdin or a list of files). */
  file?: string;
  world: LabWorld;
  /** The scenario's phases (the first one's world is `world`); undefined: a steady state. */
  phases?: LabPhase[];
  /** Run from charts/grpc-greeter/rendered/ because there is no helm here. */
  committedRender: boolean;
  /** Reads the file again into a world; rejects with one line (helm's or the parser's). */
  reload(): Promise<LabWorld>;
}

export interface InputContext {
  chartDir: string;
  cwd: string;
  /** The helm binary, or undefined to use the committed renders. */
  helmBin?: string;
  readStdin(): string;
}

export function inputContext(chartDir: string, cwd = process.cwd()): InputContext {
  return { chartDir, cwd, helmBin: findHelm(), readStdin: () => readFileSync(0, 'utf8') };
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') ? relative : file;
}

/** The world of YAML text, or of its documents when a render cache had them parsed already. */
function worldOf(
  manifests: string | readonly unknown[],
  namespace: string,
  source: string,
  applyTo?: string,
): LabWorld {
  try {
    const objects =
      typeof manifests === 'string'
        ? parseManifests(manifests, source, applyTo)
        : manifestObjects(manifests, source, applyTo);
    return readLabWorld(objects, namespace, source);
  } catch (error) {
    throw new LabInputError((error as Error).message);
  }
}

// Objects of `helm template` carry no namespace; a hand-written file may: take the first one's.
function namespaceIn(text: string): string {
  return /^\s+namespace:\s*["']?([a-z0-9-]+)/m.exec(text)?.[1] ?? DEFAULT_INSTALL.namespace;
}

async function renderedWorld(
  file: string,
  name: string | undefined,
  ctx: InputContext,
  phase?: { index: number; values: Record<string, unknown> },
) {
  const source = shown(file, ctx.cwd) + (phase ? ` (phase ${phase.index})` : '');
  const install = installOf(file) ?? DEFAULT_INSTALL;
  if (!ctx.helmBin) {
    const committed =
      name === undefined ? undefined : readRendered(ctx.chartDir, name, phase?.index);
    if (committed === undefined) {
      throw new LabInputError(
        `${source}: rendering a values file needs helm (set HELM_BIN or put helm on PATH); ` +
          'without it the lab runs the chart scenarios from their committed renders',
      );
    }
    return worldOf(
      committedRenderDocuments(ctx.chartDir, committed) ?? committed,
      install.namespace,
      source,
    );
  }
  const result = await renderValuesCached(ctx.chartDir, file, ctx.helmBin, phase?.values);
  if (!result.ok) throw new LabInputError(`${source}: ${result.error}`);
  return worldOf(result.documents ?? result.manifests, install.namespace, source);
}

// Read after phase 1 is rendered: helm's schema check of the file has accepted them by then (or,
// without helm, they made the committed renders).
async function phasesOf(name: string, file: string, world: LabWorld, ctx: InputContext) {
  const phases = readPhases(ctx.chartDir, name);
  if (!phases) return undefined;
  return Promise.all(
    phases.map(async (phase, i): Promise<LabPhase> => ({
      name: phase.name,
      calls: phase.calls,
      expect: phase.expect,
      world:
        i === 0
          ? world
          : await renderedWorld(file, name, ctx, { index: i + 1, values: phase.values ?? {} }),
    })),
  );
}

function scenarioPath(value: string, ctx: InputContext): { file: string; name?: string } {
  const isPath = value.includes('/') || value.includes(path.sep);
  const name = value.replace(/\.yaml$/, '');
  const available = listScenarios(ctx.chartDir);
  if (!isPath && available.includes(name)) return { file: scenarioFile(ctx.chartDir, name), name };
  const file = path.resolve(ctx.cwd, value);
  try {
    readFileSync(file);
  } catch {
    throw new LabInputError(
      isPath
        ? `${shown(file, ctx.cwd)}: no such file`
        : `${value}: no such scenario (available: ${available.join(', ')})`,
    );
  }
  return { file };
}

/** Reads and checks one input; throws LabInputError (one line) before anything is started. */
export async function loadInput(spec: InputSpec, ctx: InputContext): Promise<LabInput> {
  if (spec.kind === 'scenario') {
    const { file, name } = scenarioPath(spec.value, ctx);
    const reload = () => renderedWorld(file, name, ctx);
    const world = await reload();
    return {
      name: name ?? path.basename(file, '.yaml'),
      file,
      world,
      phases: name === undefined ? undefined : await phasesOf(name, file, world, ctx),
      committedRender: !ctx.helmBin,
      reload,
    };
  }
  const stdin = spec.value === '-';
  const files = stdin ? [] : spec.value.split(',').map((file) => path.resolve(ctx.cwd, file));
  const source = stdin ? 'stdin' : files.map((file) => shown(file, ctx.cwd)).join(',');
  const read = () =>
    stdin
      ? ctx.readStdin()
      : files
          .map((file) => {
            try {
              return readFileSync(file, 'utf8');
            } catch (error) {
              const code = (error as NodeJS.ErrnoException).code;
              throw new LabInputError(`${shown(file, ctx.cwd)}: cannot read (${code})`);
            }
          })
          .join('\n---\n');
  const reload = async () => {
    const text = read();
    return worldOf(text, spec.namespace ?? namespaceIn(text), source, spec.namespace);
  };
  return {
    name: stdin
      ? 'stdin'
      : files.map((file) => path.basename(file).replace(/\.ya?ml$/, '')).join(','),
    file: files.length === 1 ? files[0] : undefined,
    world: await reload(),
    committedRender: false,
    reload,
  };
}
