import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { startGreeterServer, type GreeterServerProcess } from '@grpc-greeter/testing';
import { startGreeterClient, type ClientRun } from './greeter-client-run';

/**
 * Every process a test starts, so afterEach can stop them all, whatever the test got to: a failed
 * assertion must not leave servers holding ports or clients hammering them.
 */
export class Fleet {
  private readonly children = new Set<ChildProcess>();

  async server(options: Parameters<typeof startGreeterServer>[0]): Promise<GreeterServerProcess> {
    const server = await startGreeterServer(options);
    this.children.add(server.child);
    return server;
  }

  client(args: string[]): ClientRun {
    const run = startGreeterClient(args);
    this.children.add(run.child);
    return run;
  }

  async stopAll(): Promise<void> {
    const running = [...this.children].filter((c) => c.exitCode === null && c.signalCode === null);
    this.children.clear();
    await Promise.all(
      running.map((child) => {
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        return exited;
      }),
    );
  }
}
