import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AppProber, runAppProbe } from './app-probe';

// pilot-agent's status port (15020) as the injected pod uses it, and the readiness that Envoy
// serves on 15021 (/healthz/ready, proxied to the agent).
const READY_PATH = '/healthz/ready';
const QUIT_PATH = '/quitquitquit';
const DRAIN_PATH = '/drain';
// pilot-agent's pattern for the rewritten app probes.
const APP_PROBE_PATH =
  /^\/(app-health|app-lifecycle)\/[^/]+\/(livez|readyz|startupz|prestopz|poststartz)$/;

export interface StatusHandlers {
  ready(): boolean;
  appProbers: Record<string, unknown>;
  probeHost: string;
  /** POST /quitquitquit: a finished Job's app asks the sidecar to exit. */
  quit(): void;
  /** POST /drain: the preStop hook's request; stop being ready, keep serving. */
  drain(): void;
}

function answer(response: ServerResponse, status: number, body = ''): void {
  response.writeHead(status, { 'content-type': 'text/plain' }).end(body);
}

/** The status port: readiness, the app's probes, quit and drain. */
export function createStatusServer(handlers: StatusHandlers): Server {
  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://status').pathname;
    if (path === READY_PATH) return answer(response, handlers.ready() ? 200 : 503);
    if (path === QUIT_PATH && request.method === 'POST') {
      answer(response, 200);
      return handlers.quit();
    }
    if (path === DRAIN_PATH && request.method === 'POST') {
      handlers.drain();
      return answer(response, 200);
    }
    if (APP_PROBE_PATH.test(path)) {
      const prober = handlers.appProbers[path] as AppProber | undefined;
      if (!prober) return answer(response, 400, `app prober config does not exists for ${path}`);
      runAppProbe(prober, handlers.probeHost).then(
        (passed) => answer(response, passed ? 200 : 500),
        (error: Error) => answer(response, 500, error.message),
      );
      return;
    }
    answer(response, 404);
  });
}

/** The readiness port: only /healthz/ready, as Envoy's listener on 15021 routes only that. */
export function createReadyServer(ready: () => boolean): Server {
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://ready').pathname;
    answer(response, path === READY_PATH ? (ready() ? 200 : 503) : 404);
  });
}
