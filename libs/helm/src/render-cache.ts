// `helm template` output kept on disk, keyed by everything it depends on: the chart's files (by
// content), the values file and the phase override (by content), helm's arguments (release,
// namespace, kube version) and helm's version. A warm lab run therefore starts no helm process, and a
// changed values file re-renders only its own scenario. The committed renders (charts/…/rendered)
// are a different thing: they are for machines without helm and stay as `chart:render` writes them.
// Hand-written because the key is ours; the store is plain files under node_modules/.cache, the
// place build tools (babel, eslint, terser) keep theirs.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { findHelm, helm } from './helm';
import { renderValues, templateArgs, type RenderResult } from './render';
import { DEFAULT_INSTALL, type Install, installOf } from './scenarios';

/** Where the lab keeps its renders: the repository's node_modules/.cache, next to other tools'. */
function renderCacheDir(chartDir: string): string {
  return path.resolve(chartDir, '..', '..', 'node_modules', '.cache', 'grpc-greeter-helm');
}

// What `helm template` reads of a chart (helm's loader): these files and folders; the chart's own
// tests, scripts and renders are not part of a render.
const CHART_INPUTS = ['Chart.yaml', 'Chart.lock', 'values.yaml', 'values.schema.json'];
const CHART_FOLDERS = ['templates', 'charts', 'crds'];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function chartDigest(chartDir: string, hash: ReturnType<typeof createHash>): void {
  const files = [
    ...CHART_INPUTS.map((name) => path.join(chartDir, name)).filter((file) => existsSync(file)),
    ...CHART_FOLDERS.flatMap((folder) => filesUnder(path.join(chartDir, folder))),
  ];
  for (const file of files) {
    hash.update(path.relative(chartDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
}

// helm's version, asked once per helm binary (its path, size and mtime) and remembered in the cache,
// so that a warm run does not start `helm version` either; one question per process, however many
// renders ask at once.
const versions = new Map<string, Promise<string>>();
function helmVersion(bin: string, cacheDir: string): Promise<string> {
  const key = `${bin}\0${cacheDir}`;
  let version = versions.get(key);
  if (!version) {
    version = askHelmVersion(bin, cacheDir);
    versions.set(key, version);
  }
  return version;
}

async function askHelmVersion(bin: string, cacheDir: string): Promise<string> {
  const real = realpathSync(bin);
  const { size, mtimeMs } = statSync(real);
  const id = createHash('sha256').update(`${real}\0${size}\0${mtimeMs}`).digest('hex');
  const file = path.join(cacheDir, `helm-version-${id.slice(0, 16)}.txt`);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const result = await helm(['version', '--short'], { bin });
  const version = result.code === 0 ? result.stdout.trim() : `unknown ${id}`;
  writeAtomically(file, version);
  return version;
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** The cache key of one render: a hex digest. */
async function renderKey(
  chartDir: string,
  valuesFile: string,
  bin: string,
  override: Record<string, unknown> | undefined,
): Promise<string> {
  const install: Install = installOf(valuesFile) ?? DEFAULT_INSTALL;
  const hash = createHash('sha256');
  hash.update(await helmVersion(bin, renderCacheDir(chartDir))).update('\0');
  // The arguments helm gets, with the values files standing for their contents (hashed below).
  hash.update(JSON.stringify(templateArgs(chartDir, ['<values>', '<override>'], install)));
  hash.update('\0').update(readFileSync(valuesFile)).update('\0');
  hash.update(override ? stringify(override) : '').update('\0');
  chartDigest(chartDir, hash);
  return hash.digest('hex');
}

// The render's YAML documents as plain values, kept as JSON next to it: a warm table reads its 25
// renders' JSON in about a millisecond, where parsing their YAML took about 0.3 CPU s of the lab's
// start. Undefined when the YAML has an error (the caller's parser reports it).
function documentsOf(manifests: string): unknown[] | undefined {
  const documents = parseAllDocuments(manifests);
  return documents.some((doc) => doc.errors.length > 0)
    ? undefined
    : documents.map((doc) => doc.toJS() as unknown);
}

function cachedDocuments(file: string, manifests: string): unknown[] | undefined {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  const documents = documentsOf(manifests);
  if (documents) writeAtomically(file, JSON.stringify(documents));
  return documents;
}

/**
 * A committed render's documents, parsed once per content (kept as JSON under the same cache): the
 * lab on a machine without helm reads the same renders on every run. Undefined when the YAML has an
 * error (the caller's parser reports it).
 */
export function committedRenderDocuments(
  chartDir: string,
  manifests: string,
): unknown[] | undefined {
  const key = createHash('sha256').update(manifests).digest('hex');
  return cachedDocuments(path.join(renderCacheDir(chartDir), `committed-${key}.json`), manifests);
}

export type CachedRender = RenderResult & {
  install: Install;
  /** An accepted render's YAML documents, parsed (from the cache's JSON when it has them). */
  documents?: unknown[];
};

/**
 * renderValues, answered from the cache when nothing it depends on changed. Only accepted renders
 * are kept: a refusal is shown again by helm itself next time.
 */
export async function renderValuesCached(
  chartDir: string,
  valuesFile: string,
  bin: string | undefined = findHelm(),
  override?: Record<string, unknown>,
): Promise<CachedRender> {
  const install = installOf(valuesFile) ?? DEFAULT_INSTALL;
  if (!bin) return renderValues(chartDir, valuesFile, bin, override);
  const key = await renderKey(chartDir, valuesFile, bin, override);
  const file = path.join(renderCacheDir(chartDir), `${key}.yaml`);
  const documentsFile = path.join(renderCacheDir(chartDir), `${key}.json`);
  if (existsSync(file)) {
    const manifests = readFileSync(file, 'utf8');
    return { ok: true, manifests, install, documents: cachedDocuments(documentsFile, manifests) };
  }
  const result = await renderValues(chartDir, valuesFile, bin, override);
  if (!result.ok) return result;
  writeAtomically(file, result.manifests);
  return { ...result, documents: cachedDocuments(documentsFile, result.manifests) };
}
