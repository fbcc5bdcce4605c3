// Validates Kubernetes objects against the schemas shipped in `kubernetes-models`,
// `@kubernetes-models/istio` and `@kubernetes-models/gateway-api`. Those packages are ESM-only; Jest runs our specs as CommonJS, so the
// specs call this script as a child process: JSON array of objects on stdin, JSON array of
// { apiVersion, kind, name, error } on stdout (error is null when the object is valid).
import { readFileSync } from 'node:fs';

const KIND = /^[A-Z][A-Za-z0-9]*$/;
const VERSION = /^[a-z0-9.]+$/;

// Core group objects live under kubernetes-models/v1, named groups under kubernetes-models/<group>,
// Istio's groups (*.istio.io) in @kubernetes-models/istio, Gateway API's in
// @kubernetes-models/gateway-api.
function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (!KIND.test(kind) || !VERSION.test(version) || (group && !VERSION.test(group))) return null;
  if (!group) return `kubernetes-models/v1/${kind}`;
  if (group.endsWith('istio.io')) return `@kubernetes-models/istio/${group}/${version}/${kind}`;
  if (group === 'gateway.networking.k8s.io')
    return `@kubernetes-models/gateway-api/${group}/${version}/${kind}`;
  return `kubernetes-models/${group}/${version}/${kind}`;
}

async function validateOne(object) {
  const { apiVersion = '', kind = '' } = object ?? {};
  const name = object?.metadata?.name ?? '';
  const path = modulePath(apiVersion, kind);
  if (!path) return { apiVersion, kind, name, error: `no model for ${apiVersion}/${kind}` };
  let Model;
  try {
    Model = (await import(path))[kind];
  } catch {
    return { apiVersion, kind, name, error: `no model for ${apiVersion}/${kind} (${path})` };
  }
  if (typeof Model !== 'function')
    return { apiVersion, kind, name, error: `no class ${kind} in ${path}` };
  try {
    new Model(object).validate();
    return { apiVersion, kind, name, error: null };
  } catch (err) {
    return { apiVersion, kind, name, error: String(err?.message ?? err) };
  }
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = await Promise.all(objects.map(validateOne));
process.stdout.write(JSON.stringify(results));
