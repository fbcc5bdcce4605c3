// The page's side of the live view's HTTP API (apps/lab/src/ui/server.ts).
import type { ChangeResult, LiveLabEvents } from '@grpc-greeter/lab-engine/contract';
import { type ChangePath, type ChangeRequests, EVENTS_PATH } from '../src/ui/api-routes';

export async function requestChange<P extends ChangePath>(
  path: P,
  body: ChangeRequests[P],
): Promise<ChangeResult> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await response.json()) as ChangeResult;
  } catch (error) {
    return { ok: false, error: `the lab did not answer: ${(error as Error).message}` };
  }
}

export type Handlers = { [K in keyof LiveLabEvents]: (data: LiveLabEvents[K][0]) => void };

/** Subscribes to the lab's events; EventSource reconnects by itself if the stream drops. */
export function subscribe(handlers: Handlers, onConnection: (open: boolean) => void): void {
  const source = new EventSource(EVENTS_PATH);
  for (const name of Object.keys(handlers) as (keyof LiveLabEvents)[]) {
    source.addEventListener(name, (event) => {
      const handler = handlers[name] as (data: unknown) => void;
      handler(JSON.parse((event as MessageEvent<string>).data));
    });
  }
  source.addEventListener('open', () => onConnection(true));
  source.addEventListener('error', () => onConnection(false));
}
