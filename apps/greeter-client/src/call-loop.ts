import { setTimeout as sleep } from 'node:timers/promises';
import type { GreeterClient } from '@grpc-greeter/proto';
import type { ClientConfig } from './flags';
import { headersOfCall } from './headers';
import { sayHello, statusName, type Reply } from './say-hello';

export interface CallEvents {
  onReply(reply: Reply): void;
  onFailure(code: string, error: Error): void;
}

/**
 * Runs --repeat calls (or calls until --duration is over) from --concurrency callers that share the
 * one channel; each caller waits --interval between its calls.
 */
export async function runCalls(
  client: GreeterClient,
  config: ClientConfig,
  events: CallEvents,
): Promise<void> {
  const deadline = config.durationMs === undefined ? Infinity : Date.now() + config.durationMs;
  let started = 0;
  // A caller takes its call's number when it checks for one, before it waits --interval: taken
  // later, concurrent callers would all pass the check and start more than --repeat calls.
  const nextTicket = (): number | undefined => {
    const more = config.durationMs === undefined ? started < config.repeat : Date.now() < deadline;
    return more ? started++ : undefined;
  };

  const caller = async () => {
    let first = true;
    for (let ticket = nextTicket(); ticket !== undefined; ticket = nextTicket()) {
      if (!first && config.intervalMs > 0) await sleep(config.intervalMs);
      first = false;
      const headers = headersOfCall(config.headers, ticket);
      try {
        events.onReply(
          await sayHello(client, config.name, config.timeoutMs, config.retries, headers),
        );
      } catch (error) {
        events.onFailure(statusName(error), error as Error);
      }
    }
  };
  await Promise.all(Array.from({ length: config.concurrency }, caller));
}
