// The one interface between the running lab and its live view (apps/lab/src/ui): the view only
// reads this state, listens to these events and asks for these changes. Types only.
import type { EventEmitter } from 'node:events';

import type { LabPath } from '../paths/lab-path';

export interface PodInfo {
  hostname: string;
  version: string;
  ready: boolean;
}

export interface LiveState {
  /** e.g. weighted-90-10 */
  scenario: string;
  path: LabPath;
  /** null when the path has no mesh */
  controlPlane: 'builtin' | 'istio' | null;
  pods: PodInfo[];
  /** The VirtualService/GRPCRoute weights; null = none. */
  weights: Record<string, number> | null;
  /** Per version. */
  replicas: Record<string, number>;
  /** What switchScenario accepts. */
  scenarios: string[];
}

export interface LiveWindow {
  /** ISO time at the end of the window. */
  time: string;
  /** Window length (1000). */
  intervalMs: number;
  calls: number;
  failed: number;
  byPod: Record<string, number>;
  byVersion: Record<string, number>;
}

/** error: helm's one line. */
export type ChangeResult = { ok: true } | { ok: false; error: string };

export interface LiveLabEvents {
  window: [LiveWindow];
  state: [LiveState];
  message: [string];
}

export interface LiveLab extends EventEmitter<LiveLabEvents> {
  state(): LiveState;
  setWeights(weights: Record<string, number>): Promise<ChangeResult>;
  scale(version: string, replicas: number): Promise<ChangeResult>;
  /** A rolling update of that version. */
  restart(version: string): Promise<ChangeResult>;
  switchScenario(name: string): Promise<ChangeResult>;
}
