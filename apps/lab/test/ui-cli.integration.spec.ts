import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { builtApp, waitFor, workspaceRoot } from '@grpc-greeter/testing';
import { isAlive } from './run-lab';

// `npm start -- --ui`: the URL on stderr, the page behind it, and Ctrl-C leaving nothing behind.
describe('lab --ui', () => {
  it('prints the live view’s URL, serves the page there, and Ctrl-C stops the server, pods and client', async () => {
    const child = spawn(process.execPath, [builtApp('lab'), '--ui', '--json'], {
      cwd: workspaceRoot,
    });
    const out: Array<{ event: string; pods?: Array<{ pid: number }> }> = [];
    createInterface({ input: child.stdout }).on('line', (line) => out.push(JSON.parse(line)));
    let url = '';
    createInterface({ input: child.stderr }).on('line', (line) => {
      url = /^lab: live view at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line)?.[1] ?? url;
    });
    try {
      await waitFor('the URL', () => url !== '' && out.some((e) => e.event === 'serving'), 20_000);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      const pids = out.find((e) => e.event === 'serving')?.pods?.map((p) => p.pid) ?? [];
      expect(pids).toHaveLength(2);
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      expect((await exited)[0]).toBe(130);
      await waitFor('pods to be gone', () => pids.every((pid) => !isAlive(pid)), 5000);
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
