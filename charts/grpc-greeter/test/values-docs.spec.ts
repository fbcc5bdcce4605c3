// values.yaml is the chart's manual: the schema modeline first, every key documented by a comment
// that starts with the key's name, every key declared (and required) in values.schema.json. Each
// scenario file opens with the comment the README promises, and the README's scenario table and
// install commands agree with the scenario files (their namespace) and renders (their split).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, parse, parseDocument, YAMLMap } from 'yaml';
import { type Install, installOf } from '@grpc-greeter/helm';
import { CHART_DIR, SCENARIO_NAMES, scenarioFileOf } from './support/paths';
import { flagValue } from '@grpc-greeter/manifests';
import { testPod } from './support/pods';
import { render } from './support/render';

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

function installOfScenario(name: string): Install {
  const install = installOf(scenarioFileOf(name));
  if (!install) throw new Error(`scenarios/${name}.yaml names no scenario.namespace`);
  return install;
}

/** The split the scenario's helm test pod expects (its --expect), as the chart derives it. */
async function expectedSplit(name: string): Promise<string | undefined> {
  const pod = testPod(await render({ scenario: name }));
  return flagValue(pod.spec.containers[0].args ?? [], 'expect');
}

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

  it.each(SCENARIO_NAMES)('shows the install command for %s, where its file says', (name) => {
    const { release, namespace } = installOfScenario(name);
    expect(readme).toContain(
      `${release} charts/grpc-greeter -n ${namespace} --create-namespace \\\n  -f charts/grpc-greeter/scenarios/${name}.yaml`,
    );
  });

  // | `<name>.yaml` | `<namespace>` | what it shows | split (`<--expect>`) |
  const tableRows = [
    ...readme.matchAll(/^\| `([a-z0-9-]+)\.yaml` +\| `([a-z0-9-]+)` +\|.*\|(.*)\|$/gm),
  ];

  it('lists every scenario file, and only those, in its scenario table', () => {
    expect(tableRows.map((row) => row[1]).sort()).toEqual([...SCENARIO_NAMES].sort());
  });

  it.each(SCENARIO_NAMES)(
    'gives %s the namespace its file names and the split its test pod expects',
    async (name) => {
      const row = tableRows.find((r) => r[1] === name);
      expect(row?.[2]).toBe(installOfScenario(name).namespace);
      expect(row?.[3]).toContain(`(\`${await expectedSplit(name)}\`)`);
    },
  );
});

describe.each(SCENARIO_NAMES)('scenarios/%s.yaml', (name) => {
  const text = readFileSync(scenarioFileOf(name), 'utf8');
  const header = text.slice(0, text.search(/^[^#]/m));
  const comments = text
    .split('\n')
    .filter((line) => /^\s*#/.test(line))
    .join('\n');

  it('opens with a comment naming the scenario, what it shows and the expected split', () => {
    expect(text.startsWith(`# Scenario: ${name}`)).toBe(true);
    expect(header).toMatch(/^# Shows: /m);
    expect(header).toMatch(/^# Expected split: /m);
  });

  it('names in its Expected split comment the split its test pod expects', async () => {
    const comment = /^# Expected split: [^]*?(?=^# \S|$(?![^]))/m.exec(header)?.[0] ?? '';
    expect(comment).toContain(`${await expectedSplit(name)}`);
  });

  it('leaves its namespace to scenario.namespace: no comment names a scenario namespace', () => {
    const namespaces = new Set(SCENARIO_NAMES.map((n) => installOfScenario(n).namespace));
    expect([...namespaces].filter((ns) => comments.includes(ns))).toEqual([]);
  });

  it('shares its namespace with the scenario its comment says it does', () => {
    for (const [, other] of header.matchAll(/Shares its namespace with ([a-z0-9-]+)[.:]/g)) {
      expect({ other, namespace: installOfScenario(other).namespace }).toEqual({
        other,
        namespace: installOfScenario(name).namespace,
      });
    }
  });

  it('only sets keys that values.yaml has', () => {
    const defaults = parse(valuesText) as Record<string, unknown>;
    const missing: string[] = [];
    const walk = (overrides: unknown, base: unknown, prefix: string) => {
      if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides)) return;
      for (const [key, value] of Object.entries(overrides)) {
        const baseMap = base as Record<string, unknown> | undefined;
        // An empty map in values.yaml (routing.weights, routing.fault, podLabels…) takes any key,
        // and anything under it: values.schema.json checks its shape.
        const isFreeForm = !!baseMap && Object.keys(baseMap).length === 0;
        if (isFreeForm) continue;
        if (!baseMap || !(key in baseMap)) missing.push(`${prefix}${key}`);
        else walk(value, baseMap[key], `${prefix}${key}.`);
      }
    };
    walk(parse(text), defaults, '');
    expect(missing).toEqual([]);
  });
});
