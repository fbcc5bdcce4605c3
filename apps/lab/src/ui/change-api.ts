import type { ChangeResult, LiveLab } from '@grpc-greeter/lab-engine';
import type { ChangePath, ChangeRequests } from './api-routes';
import { BadRequest } from './request-body';

// Only the shape is checked here (400 when it is wrong). Whether a change is allowed (weights that
// sum to 100, a version that exists, replicas ≥ 0) is the chart's rule: the lab answers with
// helm's error, so the page shows what `helm upgrade` would have said.
type Parser<P extends ChangePath> = (body: Record<string, unknown>) => ChangeRequests[P];
type Apply<P extends ChangePath> = (
  lab: LiveLab,
  request: ChangeRequests[P],
) => Promise<ChangeResult>;

const CHANGES: { [P in ChangePath]: { parse: Parser<P>; apply: Apply<P> } } = {
  '/api/weights': {
    parse: (body) => ({ weights: numberMap(body.weights, 'weights') }),
    apply: (lab, { weights }) => lab.setWeights(weights),
  },
  '/api/scale': {
    parse: (body) => ({
      version: text(body.version, 'version'),
      replicas: integer(body.replicas, 'replicas'),
    }),
    apply: (lab, { version, replicas }) => lab.scale(version, replicas),
  },
  '/api/restart': {
    parse: (body) => ({ version: text(body.version, 'version') }),
    apply: (lab, { version }) => lab.restart(version),
  },
  '/api/scenario': {
    parse: (body) => ({ name: text(body.name, 'name') }),
    apply: (lab, { name }) => lab.switchScenario(name),
  },
};

export function isChangePath(path: string): path is ChangePath {
  return Object.hasOwn(CHANGES, path);
}

/** Checks the body's shape (BadRequest if wrong), then asks the lab for the change. */
export function applyChange(lab: LiveLab, path: ChangePath, body: unknown): Promise<ChangeResult> {
  const change = CHANGES[path] as { parse: Parser<ChangePath>; apply: Apply<ChangePath> };
  return change.apply(lab, change.parse(object(body, 'body')));
}

function object(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequest(`${name} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new BadRequest(`${name} must be a string`);
  return value;
}

function integer(value: unknown, name: string): number {
  if (!Number.isInteger(value)) throw new BadRequest(`${name} must be an integer`);
  return value as number;
}

function numberMap(value: unknown, name: string): Record<string, number> {
  const map = object(value, name);
  for (const [key, entry] of Object.entries(map)) {
    if (typeof entry !== 'number' || !Number.isFinite(entry)) {
      throw new BadRequest(`${name}.${key} must be a number`);
    }
  }
  return map as Record<string, number>;
}
