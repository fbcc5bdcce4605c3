import type { ClientResult } from '@grpc-greeter/greeter-process';
import { type LabPath, pathOf, type PhaseResult, type ScenarioRun } from '@grpc-greeter/lab-engine';
import { verdict } from './table';

/** One entry of `lab --json`'s array: a scenario's run, with the client's own result inside. */
export interface LabJsonRow {
  scenario: string;
  path: LabPath;
  pods: Array<{ hostname: string; version?: string }>;
  expect: string | null;
  verdict: ReturnType<typeof verdict>;
  notes: readonly string[];
  phases: PhaseResult[] | null;
  ignored: string[];
  client: ClientResult | null;
}

export function jsonRow(run: ScenarioRun): LabJsonRow {
  return {
    scenario: run.input.name,
    path: pathOf(run.input.world),
    pods: run.pods,
    expect: run.input.world.client.expect ?? null,
    verdict: verdict(run),
    notes: run.notes,
    phases: run.phases ?? null,
    ignored: run.input.world.ignored,
    client: run.client.result ?? null,
  };
}
