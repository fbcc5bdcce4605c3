// values.yaml is the chart's manual: the schema modeline first, every key documented by a comment
// that starts with the key's name, every key declared (and required) in values.schema.json. Each
// scenario file opens with the comment the README promises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, parse, parseDocument, YAMLMap } from 'yaml';
import { SCENARIOS } from './support/contract';
import { CHART_DIR, scenarioFile, scenarioNames } from './support/paths';

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  definitions?: Record<string, SchemaNode>;
}

const valuesText = readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8');
const schema = JSON.parse(
  readFileSync(join(CHART_DIR, 'values.schema.json'), 'utf8'),
) as SchemaNode;

function deref(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/definitions/', '');
  const target = schema.definitions?.[name];
  if (!target) throw new Error(`unresolved ${node.$ref}`);
  return deref(target);
}

/** [dotted key path, the comment right above the key] for every key of every nested map. */
function documentedKeys(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (map: YAMLMap, prefix: string) => {
    map.items.forEach((pair, index) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      // yaml hangs the comment above a map's first key on the map itself.
      const keyComment = isScalar(pair.key) ? pair.key.commentBefore : undefined;
      const raw = keyComment ?? (index === 0 ? map.commentBefore : undefined) ?? '';
      // Only the paragraph touching the key counts (file headers are separated by a blank line).
      const comment = raw.slice(raw.lastIndexOf('\n\n') + 1).trim();
      out.push([`${prefix}${key}`, comment]);
      if (isMap(pair.value)) walk(pair.value, `${prefix}${key}.`);
    });
  };
  const contents = parseDocument(valuesText).contents;
  if (isMap(contents)) walk(contents, '');
  return out;
}

describe('values.yaml', () => {
  it('starts with the yaml-language-server schema modeline', () => {
    expect(valuesText.split('\n')[0]).toBe('# yaml-language-server: $schema=values.schema.json');
  });

  it.each(documentedKeys())(
    'documents %s with a comment starting with its name',
    (path, comment) => {
      const key = path.slice(path.lastIndexOf('.') + 1);
      expect(comment.split(/\s+/)[0]).toBe(key);
    },
  );

  it.each(documentedKeys().map(([path]) => path))('declares %s in values.schema.json', (path) => {
    let node = deref(schema);
    for (const key of path.split('.')) {
      const parent = node;
      const declared = parent.properties?.[key];
      if (declared) {
        expect({ key, required: parent.required?.includes(key) }).toEqual({ key, required: true });
        node = deref(declared);
      } else {
        expect(typeof parent.additionalProperties).toBe('object');
        node = deref(parent.additionalProperties as SchemaNode);
      }
    }
  });
});

describe('README.md', () => {
  const readme = readFileSync(join(CHART_DIR, 'README.md'), 'utf8');
  // Keys whose value is not a map; each `<component>.resources` is one row as a whole.
  const isResources = (path: string) => path.endsWith('.resources');
  const rows = documentedKeys()
    .map(([path]) => path)
    .filter((path) => !/\.resources\./.test(path))
    .filter(
      (path, _i, all) => isResources(path) || !all.some((other) => other.startsWith(`${path}.`)),
    );

  it.each(rows)('has a values table row for %s', (path) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${path.replace(/\./g, '\\.')}\` +\\|`, 'm'));
  });

  it.each(scenarioNames())('shows the install command for %s', (name) => {
    const { namespace } = SCENARIOS[name];
    expect(readme).toContain(
      `charts/grpc-greeter -n ${namespace} --create-namespace \\\n  -f charts/grpc-greeter/scenarios/${name}.yaml`,
    );
  });
});

describe.each(scenarioNames())('scenarios/%s.yaml', (name) => {
  const text = readFileSync(scenarioFile(name), 'utf8');
  const header = text.slice(0, text.search(/^[^#]/m));
  const namespace = SCENARIOS[name]?.namespace;

  it('opens with a comment naming the scenario, what it shows and the expected split', () => {
    expect(text.startsWith(`# Scenario: ${name}`)).toBe(true);
    expect(header).toMatch(/^# Shows: /m);
    expect(header).toMatch(/^# Expected split: /m);
  });

  it(`gives the exact helm install command for namespace ${namespace}`, () => {
    const command = header
      .split('\n')
      .map((l) => l.replace(/^#\s*/, ''))
      .join('\n')
      .replace(/\\\n\s*/g, '');
    expect(command).toMatch(
      new RegExp(
        `helm (install|upgrade --install) grpc-greeter charts/grpc-greeter -n ${namespace} ` +
          `--create-namespace -f charts/grpc-greeter/scenarios/${name}\\.yaml`,
      ),
    );
  });

  it('only sets keys that values.yaml has', () => {
    const defaults = parse(valuesText) as Record<string, unknown>;
    const missing: string[] = [];
    const walk = (overrides: unknown, base: unknown, prefix: string) => {
      if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides)) return;
      for (const [key, value] of Object.entries(overrides)) {
        const baseMap = base as Record<string, unknown> | undefined;
        // An empty map in values.yaml (routing.weights, podLabels, nodeSelector…) takes any key.
        const isFreeForm = !!baseMap && Object.keys(baseMap).length === 0;
        if (!isFreeForm && (!baseMap || !(key in baseMap))) missing.push(`${prefix}${key}`);
        else walk(value, baseMap?.[key], `${prefix}${key}.`);
      }
    };
    walk(parse(text), defaults, '');
    expect(missing).toEqual([]);
  });
});
