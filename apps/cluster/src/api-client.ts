import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { StateDir } from './state';

/** GET path from the API server at host:port with the admin certificate; undefined if unreachable. */
export function apiGet(
  state: StateDir,
  host: string,
  port: number,
  path: string,
): Promise<{ status: number; body: string } | undefined> {
  const pki = (file: string) => readFileSync(state.path('pki', file));
  return new Promise((resolve) => {
    const req = request(
      {
        host,
        port,
        path,
        ca: pki('ca.crt'),
        cert: pki('admin.crt'),
        key: pki('admin.key'),
        timeout: 2000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Whether the node has registered and reports Ready. */
export async function nodeReady(state: StateDir, port: number, nodeName: string): Promise<boolean> {
  const response = await apiGet(state, '127.0.0.1', port, `/api/v1/nodes/${nodeName}`);
  if (response?.status !== 200) return false;
  const node = JSON.parse(response.body) as {
    status?: { conditions?: Array<{ type: string; status: string }> };
  };
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
