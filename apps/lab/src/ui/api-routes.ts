// What the page sends and where: shared by the server's parser and the page's client, so the two
// cannot drift. No Node imports here: the browser bundle includes this file.

export const EVENTS_PATH = '/events';

export interface ChangeRequests {
  '/api/weights': { weights: Record<string, number> };
  '/api/scale': { version: string; replicas: number };
  '/api/restart': { version: string };
  '/api/scenario': { name: string };
}

export type ChangePath = keyof ChangeRequests;
