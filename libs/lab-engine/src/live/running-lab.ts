// The real LiveLab: one scenario running until stopped, a client calling all along, and every
// change made the way a cluster user makes it: values through helm (weights, replicas), a
// `kubectl rollout restart` patch of the Deployment for a restart, each pushed through the lab's
// control plane and cluster model exactly as --watch pushes an edited file.
import { EventEmitter } from 'node:events';
import { listScenarios, renderValues } from '@grpc-greeter/helm';
import {
  type K8sObject,
  type LabWorld,
  parseManifests,
  readLabWorld,
  withoutFlag,
} from '@grpc-greeter/manifests';
import { type ProcessRegistry, runClient } from '@grpc-greeter/greeter-process';
import { LabCluster } from '../cluster/lab-cluster';
import { type InputContext, type LabInput, loadInput } from '../inputs/load-input';
import { pathOf } from '../paths/lab-path';
import { podHostsFor } from '../cluster/pod-hosts';
import { clientArgs } from '../run/run-scenario';
import { type ControlPlaneKind, wire, type Wiring } from '../paths/wiring';
import type { ChangeResult, LiveLab, LiveLabEvents, LiveState, LiveWindow } from './live-lab';

export const WINDOW_MS = 1000;

export interface RunningLabOptions {
  registry: ProcessRegistry;
  ctx: InputContext;
  intervalMs: number;
  controlPlane: ControlPlaneKind;
}

type Values = Record<string, unknown>;

/** One scenario's running world: cluster, wiring and the client that keeps calling. */
interface Run {
  input: LabInput;
  world: LabWorld;
  cluster: LabCluster;
  wiring: Wiring;
  stopClient: AbortController;
  /** The values override the live changes add to the scenario file (helm -f). */
  override: Values;
  /** Deployment name -> restartedAt, re-applied to every render as kubectl's patch would stay. */
  restarts: Map<string, string>;
  /** The calling client's process, once spawned. */
  clientPid?: number;
}

export class RunningLab extends EventEmitter<LiveLabEvents> implements LiveLab {
  private run?: Run;
  private window: LiveWindow = emptyWindow();
  private readonly ticker: NodeJS.Timeout;
  private changes = Promise.resolve<unknown>(undefined);

  private constructor(private readonly options: RunningLabOptions) {
    super();
    this.ticker = setInterval(() => this.flush(), WINDOW_MS);
  }

  static async start(input: LabInput, options: RunningLabOptions): Promise<RunningLab> {
    const lab = new RunningLab(options);
    try {
      await lab.begin(input);
    } catch (error) {
      await lab.close();
      throw error;
    }
    return lab;
  }

  state(): LiveState {
    const run = this.run;
    if (!run) throw new Error('the lab is not running');
    const { world } = run;
    const route = world.routes.find((r) => r.host === world.target.service.fqdn);
    const path = pathOf(world);
    return {
      scenario: run.input.name,
      path,
      controlPlane: path === 'mesh' ? this.options.controlPlane : null,
      pods: run.cluster.pods.map((pod) => ({
        hostname: pod.hostname,
        version: pod.version ?? '?',
        ready: true,
      })),
      weights: route
        ? Object.fromEntries(
            route.backends.map((b) => [b.subset ?? b.host.split('.')[0], b.weight]),
          )
        : null,
      replicas: Object.fromEntries(world.servers.map((s) => [s.version ?? s.name, s.replicas])),
      scenarios: listScenarios(this.options.ctx.chartDir),
    };
  }

  /** The running world's pods, for whoever needs their ports or pids. */
  get pods() {
    return this.run?.cluster.pods ?? [];
  }

  /** The pid of the client that keeps calling, for whoever watches its connections. */
  get clientPid(): number | undefined {
    return this.run?.clientPid;
  }

  setWeights(weights: Record<string, number>): Promise<ChangeResult> {
    return this.change({ routing: { weights } });
  }

  scale(version: string, replicas: number): Promise<ChangeResult> {
    return this.change((run) => ({
      server: {
        versions: run.world.servers.map((s) => ({
          name: s.version,
          replicas: s.version === version ? replicas : s.replicas,
        })),
      },
    }));
  }

  restart(version: string): Promise<ChangeResult> {
    return this.queue(async (run) => {
      const deployment = run.world.servers.find((s) => s.version === version);
      if (!deployment) return { ok: false, error: `no server Deployment of version ${version}` };
      run.restarts.set(deployment.name, new Date().toISOString());
      return this.apply(await this.render(run, run.override));
    });
  }

  switchScenario(name: string): Promise<ChangeResult> {
    return this.queue(async () => {
      let input: LabInput;
      try {
        input = await loadInput({ kind: 'scenario', value: name }, this.options.ctx);
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
      await this.end();
      await this.begin(input);
      return { ok: true };
    });
  }

  /** Applies a world read from the input again (--watch on a saved file). */
  applyWorld(world: LabWorld): Promise<ChangeResult> {
    return this.queue(async () => this.apply(world));
  }

  async close(): Promise<void> {
    clearInterval(this.ticker);
    await this.changes.catch(() => undefined);
    await this.end();
  }

  private async begin(input: LabInput): Promise<void> {
    const hosts = podHostsFor(this.options.controlPlane);
    // Endpoint changes (pods ready, pods gone after a rollout) reach the wiring once there is one.
    const cluster = new LabCluster(
      this.options.registry,
      async (pods) => {
        const run = this.run;
        if (!run) return;
        await run.wiring.update(run.world, pods);
        this.emit('state', this.state());
      },
      hosts,
    );
    await cluster.apply(input.world);
    const wiring = await wire(input.world, cluster.pods, {
      controlPlane: this.options.controlPlane,
    });
    const stopClient = new AbortController();
    const run: Run = {
      input,
      world: input.world,
      cluster,
      wiring,
      stopClient,
      override: {},
      restarts: new Map(),
    };
    this.run = run;
    // The rendered client's own flags (its --lb above all: pick_first or round_robin decides the
    // split), calling until stopped at the live pace; no verdict, the windows show the split.
    const args = ['expect', 'tolerance', 'interval'].reduce(
      (flags, name) => withoutFlag(flags, name),
      clientArgs(input.world, wiring.target, 2_000_000_000),
    );
    void runClient([...args, `--interval=${this.options.intervalMs}ms`, '--summary=false'], {
      registry: this.options.registry,
      env: wiring.env,
      signal: stopClient.signal,
      onSpawn: (pid) => (run.clientPid = pid),
      onLine: (line) => this.count(line.slice(line.lastIndexOf(' from ') + 6)),
      onOtherLine: (line) => {
        if (line.includes('could not greet')) this.count();
      },
    });
    this.window = emptyWindow();
    this.emit('state', this.state());
  }

  private async end(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    run.stopClient.abort();
    await run.wiring.close();
    await run.cluster.discard();
  }

  private count(hostname?: string): void {
    const w = this.window;
    w.calls += 1;
    if (!hostname) return void (w.failed += 1);
    w.byPod[hostname] = (w.byPod[hostname] ?? 0) + 1;
    const version =
      this.run?.cluster.pods.find((p) => p.hostname === hostname)?.version ?? 'unknown';
    w.byVersion[version] = (w.byVersion[version] ?? 0) + 1;
  }

  private flush(): void {
    const done = { ...this.window, time: new Date().toISOString() };
    this.window = emptyWindow();
    if (this.run) this.emit('window', done);
  }

  private queue(change: (run: Run) => Promise<ChangeResult>): Promise<ChangeResult> {
    const next = this.changes.then(() => {
      const run = this.run;
      return run ? change(run) : { ok: false as const, error: 'the lab is not running' };
    });
    this.changes = next.catch(() => undefined);
    return next.catch((error: Error) => ({ ok: false as const, error: error.message }));
  }

  /** A values change: merged over the earlier ones, rendered by helm, applied only if helm accepts it. */
  private change(values: Values | ((run: Run) => Values)): Promise<ChangeResult> {
    return this.queue(async (run) => {
      const override = merge(run.override, typeof values === 'function' ? values(run) : values);
      const world = await this.render(run, override);
      run.override = override;
      return this.apply(world);
    });
  }

  private async render(run: Run, override: Values): Promise<LabWorld> {
    const { file } = run.input;
    const { chartDir, helmBin } = this.options.ctx;
    if (!file || !helmBin)
      throw new Error('live changes are rendered by helm: run the lab with helm and --scenario');
    const result = await renderValues(chartDir, file, helmBin, override);
    if (!result.ok) throw new Error(result.error);
    const objects = parseAndRestart(result.manifests, run.restarts);
    return readLabWorld(objects, result.install.namespace, file);
  }

  private async apply(world: LabWorld): Promise<ChangeResult> {
    const run = this.run;
    if (!run) return { ok: false, error: 'the lab is not running' };
    run.world = world;
    await run.cluster.apply(world);
    await run.wiring.update(world, run.cluster.pods);
    this.emit('state', this.state());
    return { ok: true };
  }
}

function emptyWindow(): LiveWindow {
  return { time: '', intervalMs: WINDOW_MS, calls: 0, failed: 0, byPod: {}, byVersion: {} };
}

function merge(base: Values, extra: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const both = out[key];
    out[key] = isMap(both) && isMap(value) && key !== 'weights' ? merge(both, value) : value;
  }
  return out;
}

const isMap = (v: unknown): v is Values => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `kubectl rollout restart`: the Deployment's pod template gets a kubectl.kubernetes.io/restartedAt annotation. */
function parseAndRestart(manifests: string, restarts: ReadonlyMap<string, string>): K8sObject[] {
  return parseManifests(manifests, 'helm template').map((object) => {
    const at = object.kind === 'Deployment' ? restarts.get(object.metadata?.name ?? '') : undefined;
    if (!at) return object;
    const spec = object.spec as {
      template: { metadata?: { annotations?: Record<string, string> } };
    };
    const metadata = spec.template.metadata ?? {};
    return {
      ...object,
      spec: {
        ...spec,
        template: {
          ...spec.template,
          metadata: {
            ...metadata,
            annotations: { ...metadata.annotations, 'kubectl.kubernetes.io/restartedAt': at },
          },
        },
      },
    };
  });
}
