import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LiveLab, LiveState, LiveWindow } from '@grpc-greeter/lab-engine';
import { EVENTS_PATH } from './api-routes';
import { applyChange, isChangePath } from './change-api';
import { EventStreams } from './event-stream';
import { findPageDir, sendPageFile } from './page-files';
import { BadRequest, readJsonBody } from './request-body';

export interface UiServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** Ends every event stream and stops listening; the lab itself keeps running. */
  close(): Promise<void>;
}

/**
 * The live view: the page, the lab's events as server-sent events, and the change API, on
 * 127.0.0.1 only (a lab is a local tool: nothing else on the network may drive it).
 * `port` 0 (the default) picks a free port.
 */
export async function startUiServer(
  lab: LiveLab,
  options: { port?: number } = {},
): Promise<UiServer> {
  const pageDir = findPageDir();
  const streams = new EventStreams();
  const onState = (state: LiveState) => streams.send('state', state);
  const onWindow = (window: LiveWindow) => streams.send('window', window);
  const onMessage = (message: string) => streams.send('message', message);
  lab.on('state', onState).on('window', onWindow).on('message', onMessage);

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const status = error instanceof BadRequest ? error.status : 500;
      sendJson(response, status, { ok: false, error: (error as Error).message });
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method === 'GET' && path === EVENTS_PATH) {
      streams.accept(request, response, [['state', lab.state()]]);
    } else if (isChangePath(path)) {
      if (request.method !== 'POST') throw new BadRequest(`${path} takes POST`, 405);
      sendJson(response, 200, await applyChange(lab, path, await readJsonBody(request)));
    } else if (request.method === 'GET' || request.method === 'HEAD') {
      await sendPageFile(pageDir, path, response);
    } else {
      throw new BadRequest(`${request.method} ${path}: no such route`, 404);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      lab.off('state', onState).off('window', onWindow).off('message', onMessage);
      streams.closeAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(`${JSON.stringify(body)}\n`);
}
