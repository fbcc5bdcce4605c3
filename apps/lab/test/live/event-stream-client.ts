// Reads the live view's /events in specs running in Node 20, which has no EventSource. It
// understands the subset the server writes (`event:` and one `data:` line per event); the browser
// test checks the stream with a real EventSource.
import { get, type IncomingMessage } from 'node:http';
import { createInterface } from 'node:readline';

export interface ReceivedEvent {
  event: string;
  data: unknown;
}

export interface EventStreamClient {
  response: IncomingMessage;
  events: ReceivedEvent[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openEventStream(url: string): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const request = get(
      url,
      { agent: false, headers: { Accept: 'text/event-stream' } },
      (response) => {
        // Closing our end aborts the response: expected, not an error.
        response.on('error', () => undefined);
        const events: ReceivedEvent[] = [];
        let event = 'message';
        const lines = createInterface({ input: response });
        // Closing our end aborts the response: expected, not an error.
        lines.on('error', () => undefined);
        lines.on('line', (line) => {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('data: '))
            events.push({ event, data: JSON.parse(line.slice(6)) });
          else if (line === '') event = 'message';
        });
        const ended = new Promise<void>((done) => response.on('close', done));
        resolve({ response, events, ended, close: () => request.destroy() });
      },
    );
    request.on('error', reject);
  });
}
