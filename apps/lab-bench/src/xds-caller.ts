import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { credentials, Metadata } from '@grpc/grpc-js';
import { register } from '@grpc/grpc-js-xds';
import { GreeterClient } from '@grpc-greeter/proto';

// Per-channel bootstrap: the environment variables are read once per process, and this client
// lives in the bench's own process (so that a push and a reply are timed on one clock).
const BOOTSTRAP_OPTION = 'grpc.TEST_ONLY_DO_NOT_USE_IN_PROD.xds_bootstrap_config';
const RPC_DEADLINE_MS = 5000;

export interface Reply {
  version: string;
  /** performance.now() when the reply arrived. */
  at: number;
}

/**
 * A proxyless xDS client calling SayHello every `intervalMs` until stopped; each reply (its
 * `version` header) goes to the listeners. Failures are counted, never thrown.
 */
export class XdsCaller {
  private readonly client: GreeterClient;
  private readonly listeners = new Set<(reply: Reply) => void>();
  private running = true;
  private loop?: Promise<void>;
  failures = 0;

  constructor(
    target: string,
    bootstrap: string,
    private readonly intervalMs: number,
  ) {
    register();
    this.client = new GreeterClient(target, credentials.createInsecure(), {
      [BOOTSTRAP_OPTION]: bootstrap,
    });
  }

  start(): void {
    this.loop = (async () => {
      while (this.running) {
        try {
          const reply = await this.sayHello();
          for (const listener of this.listeners) listener(reply);
        } catch {
          this.failures += 1;
        }
        await sleep(this.intervalMs);
      }
    })();
  }

  /**
   * The first reply accepted by `accept` from now on, or a rejection after timeoutMs. `accept` sees
   * every reply until then, so it may also count the ones it turns down.
   */
  nextReply(accept: (reply: Reply) => boolean, timeoutMs: number): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const listener = (reply: Reply) => {
        if (!accept(reply)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(reply);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.client.close();
  }

  private sayHello(): Promise<Reply> {
    return new Promise((resolve, reject) => {
      let version = 'unknown';
      const call = this.client.sayHello(
        { name: 'bench' },
        new Metadata(),
        { deadline: Date.now() + RPC_DEADLINE_MS },
        (error) => (error ? reject(error) : resolve({ version, at: performance.now() })),
      );
      call.on('metadata', (metadata: Metadata) => {
        version = String(metadata.get('version')[0] ?? 'unknown');
      });
    });
  }
}
