import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LiveLabEvents } from '@grpc-greeter/lab-engine';

type EventName = keyof LiveLabEvents;

/**
 * Server-sent events to every open page. The wire format is three lines per event, so no library:
 * `event:` names the LiveLab event, `data:` is its one argument as JSON (JSON.stringify never
 * emits a newline, which would end the field).
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  /** Starts a stream on this response and sends `first` on it before anything else. */
  accept(request: IncomingMessage, response: ServerResponse, first: EventPayload[]): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    this.open.add(response);
    request.on('close', () => this.open.delete(response));
    for (const [name, data] of first) write(response, name, data);
  }

  send<K extends EventName>(name: K, data: LiveLabEvents[K][0]): void {
    for (const response of this.open) write(response, name, data);
  }

  /** Ends every stream: an open one would keep the HTTP server, and so the lab, from exiting. */
  closeAll(): void {
    for (const response of this.open) response.end();
    this.open.clear();
  }
}

export type EventPayload = { [K in EventName]: [K, LiveLabEvents[K][0]] }[EventName];

function write(response: ServerResponse, name: EventName, data: unknown): void {
  response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}
