import { parseGoDuration } from '@grpc-greeter/cli-kit';
import { type ClientSpec, flagValue, type ServerWorkload } from '@grpc-greeter/manifests';
import type { LabPhase } from '../inputs/load-input';

/** What of a LabInput tells how long its run waits. */
export interface Paced {
  world: {
    client: Pick<ClientSpec, 'args' | 'repeat'>;
    servers?: ReadonlyArray<Pick<ServerWorkload, 'serverArgs'>>;
  };
  phases?: ReadonlyArray<Pick<LabPhase, 'calls'>>;
}

const durationFlag = (args: readonly string[], name: string): number => {
  const value = flagValue(args, name);
  return value ? parseGoDuration(value) : 0;
};

/**
 * What makes a run long beyond start-up: from its client's flags, the pause between calls and the
 * delay its --expect-slow says is injected into a share of them; from its servers', the longest
 * --reply-delay; each call waits for them, and --concurrency callers wait side by side.
 */
export function expectedWaitMs(input: Paced): number {
  const { args, repeat } = input.world.client;
  const calls = input.phases?.reduce((sum, p) => sum + p.calls, 0) ?? repeat;
  const [percent, delay] = flagValue(args, 'expect-slow')?.split('@') ?? [];
  const delayed = delay ? (Number(percent) / 100) * parseGoDuration(delay) : 0;
  const replyDelay = Math.max(
    0,
    ...(input.world.servers ?? []).map((server) => durationFlag(server.serverArgs, 'reply-delay')),
  );
  const callers = Number(flagValue(args, 'concurrency') ?? 1);
  return ((durationFlag(args, 'interval') + delayed + replyDelay) * calls) / callers;
}

/**
 * Which waiting input a free lane starts: the first `inOrder` inputs (the rows a reader waits for)
 * in order; after them the longest expected wait, earliest row first among equals (longest
 * processing time first), so no long run starts last and holds the table's end up.
 */
export function nextToStart<T extends { index: number; input: Paced }>(
  waiting: readonly T[],
  inOrder: number,
): number {
  if (waiting[0].index < inOrder) return 0;
  const waits = waiting.map((item) => expectedWaitMs(item.input));
  return waits.reduce((best, wait, i) => (wait > waits[best] ? i : best), 0);
}
