// A LiveLab without processes, for the live view's tests and the docs screenshot: about 50 calls/s
// split by the current weights, pods that scale and roll, refusals worded like helm's. Its scenarios
// are the chart's, each read from its committed render as the lab reads it. Not shipped.
import { EventEmitter } from 'node:events';
import {
  DEFAULT_INSTALL,
  findChartDir,
  installOf,
  listScenarios,
  readRendered,
  scenarioFile,
} from '@grpc-greeter/helm';
import { parseManifests, readLabWorld } from '@grpc-greeter/manifests';
import { workspaceRoot } from '@grpc-greeter/testing';
import seedrandom from 'seedrandom';
import { pathOf } from '../../src/lab-path';
import type {
  ChangeResult,
  LabPath,
  LiveLab,
  LiveLabEvents,
  LiveState,
  PodInfo,
} from '../../src/live/live-lab';
import { podNamer } from '../../src/pod-names';
import { pickPod, type Traffic } from './fake-traffic';

interface FakeScenario {
  path: LabPath;
  controlPlane: LiveState['controlPlane'];
  replicas: Record<string, number>;
  weights: Record<string, number> | null;
}

const CHART = findChartDir(workspaceRoot);
const SCENARIOS = listScenarios(CHART);

/** The scenario's path, versions and weights, from its committed render; undefined: no such file. */
function fakeScenario(name: string): FakeScenario | undefined {
  const manifests = SCENARIOS.includes(name) ? readRendered(CHART, name) : undefined;
  if (manifests === undefined) return undefined;
  const { namespace } = installOf(scenarioFile(CHART, name)) ?? DEFAULT_INSTALL;
  const world = readLabWorld(parseManifests(manifests, name), namespace, name);
  const path = pathOf(world);
  const backends = world.routes[0]?.backends ?? [];
  return {
    path,
    controlPlane: path === 'mesh' ? 'builtin' : null,
    replicas: Object.fromEntries(world.servers.map((s) => [s.version ?? s.name, s.replicas])),
    // Weights by DestinationRule subset (Istio routing); a Gateway API route's per-version Services
    // are not mapped back to versions here, so such a scenario runs unweighted in the fake.
    weights:
      backends.length && backends.every((b) => b.subset)
        ? Object.fromEntries(backends.map((b) => [b.subset, b.weight]))
        : null,
  };
}

// Enough that a 10% version shows in almost every one-second window (0.9^50: 0.5% of them miss it).
const CALLS_PER_SECOND = 50;
// How long a new pod takes to pass its readiness probe.
const READY_AFTER_MS = 200;

export class FakeLiveLab extends EventEmitter<LiveLabEvents> implements LiveLab {
  private readonly random = seedrandom('fake-live-lab');
  private readonly intervalMs: number;
  private readonly ticker: NodeJS.Timeout;
  private readonly timers = new Set<NodeJS.Timeout>();
  private current!: LiveState;
  /** One ReplicaSet hash per version, as a Deployment has. */
  private namers: Record<string, () => string> = {};
  private traffic!: Traffic;

  /** `intervalMs`: the window length (the real lab's is 1000). */
  constructor(scenario: string, options: { intervalMs?: number } = {}) {
    super();
    this.intervalMs = options.intervalMs ?? 1000;
    this.load(scenario);
    this.ticker = setInterval(() => this.emitWindow(), this.intervalMs);
  }

  close(): void {
    clearInterval(this.ticker);
    for (const timer of this.timers) clearTimeout(timer);
  }

  state(): LiveState {
    return structuredClone(this.current);
  }

  async setWeights(weights: Record<string, number>): Promise<ChangeResult> {
    if (this.current.path !== 'mesh') {
      return refuse(
        `${this.current.scenario} has no mesh: routing.weights needs mesh.sidecar or mesh.proxyless`,
      );
    }
    const unknown = Object.keys(weights).find((v) => !(v in this.current.replicas));
    if (unknown) {
      const have = Object.keys(this.current.replicas).join(', ');
      return refuse(
        `routing.weights.${unknown} names no such version in server.versions (have ${have})`,
      );
    }
    const sum = Object.values(weights).reduce((a, b) => a + b, 0);
    if (sum !== 100) return refuse(`routing.weights must sum to 100, got ${sum}`);
    this.current.weights = { ...weights };
    this.changed(
      `routing ${Object.entries(weights)
        .map(([v, w]) => `${v}=${w}`)
        .join(',')} pushed`,
    );
    return { ok: true };
  }

  async scale(version: string, replicas: number): Promise<ChangeResult> {
    const index = Object.keys(this.current.replicas).indexOf(version);
    if (index === -1) return refuse(`no Deployment for version ${version}`);
    if (replicas < 0) {
      return refuse(`at '/server/versions/${index}/replicas': minimum: got ${replicas}, want 0`);
    }
    const pods = this.current.pods.filter((pod) => pod.version === version);
    for (const pod of pods.slice(replicas)) this.removePod(pod.hostname);
    for (let i = pods.length; i < replicas; i += 1) this.addPod(version, false);
    this.current.replicas[version] = replicas;
    this.changed(`${version} scaled from ${pods.length} to ${replicas}`);
    return { ok: true };
  }

  async restart(version: string): Promise<ChangeResult> {
    if (!(version in this.current.replicas)) return refuse(`no Deployment for version ${version}`);
    // maxSurge 1, maxUnavailable 0: each new pod is ready before an old one goes.
    for (const old of this.current.pods.filter((pod) => pod.version === version)) {
      const fresh = this.addPod(version, false);
      this.changed(`rolling ${version}: ${fresh.hostname} starting`);
      await this.sleep(READY_AFTER_MS * 2);
      this.removePod(old.hostname);
      this.changed(`rolling ${version}: ${old.hostname} stopped`);
    }
    return { ok: true };
  }

  async switchScenario(name: string): Promise<ChangeResult> {
    if (!fakeScenario(name)) return refuse(`no scenario ${name} (have ${SCENARIOS.join(', ')})`);
    this.load(name);
    this.changed(`switched to ${name}`);
    return { ok: true };
  }

  private load(name: string): void {
    const scenario = fakeScenario(name);
    if (!scenario) throw new Error(`FakeLiveLab: no scenario ${name}`);
    this.current = {
      scenario: name,
      path: scenario.path,
      controlPlane: scenario.controlPlane,
      pods: [],
      weights: scenario.weights && { ...scenario.weights },
      replicas: { ...scenario.replicas },
      scenarios: SCENARIOS,
    };
    this.namers = {};
    for (const [version, count] of Object.entries(scenario.replicas)) {
      for (let i = 0; i < count; i += 1) this.addPod(version, true);
    }
    // What the client was given at start: the pod list (client-side) or one connection's pod (L4).
    this.traffic = {
      path: scenario.path,
      known: this.current.pods.map((pod) => pod.hostname),
      connectedTo: this.current.pods[Math.floor(this.random() * this.current.pods.length)].hostname,
      turn: 0,
    };
  }

  private addPod(version: string, ready: boolean): PodInfo {
    this.namers[version] ??= podNamer(
      `istio-grpc-server-${version}`,
      version === 'v1' ? '0a1b2c3d4e' : '5f6a7b8c9d',
    );
    const pod = { hostname: this.namers[version](), version, ready };
    this.current.pods.push(pod);
    if (!ready) {
      this.later(READY_AFTER_MS, () => {
        pod.ready = true;
        this.changed(`${pod.hostname} ready`);
      });
    }
    return pod;
  }

  private removePod(hostname: string): void {
    this.current.pods = this.current.pods.filter((pod) => pod.hostname !== hostname);
  }

  private emitWindow(): void {
    const calls = Math.round((CALLS_PER_SECOND * this.intervalMs) / 1000);
    const byPod: Record<string, number> = {};
    const byVersion: Record<string, number> = {};
    let failed = 0;
    for (let i = 0; i < calls; i += 1) {
      const pod = pickPod(this.traffic, this.current, this.random);
      if (!pod) {
        failed += 1;
        continue;
      }
      byPod[pod.hostname] = (byPod[pod.hostname] ?? 0) + 1;
      byVersion[pod.version] = (byVersion[pod.version] ?? 0) + 1;
    }
    const time = new Date().toISOString();
    this.emit('window', {
      time,
      intervalMs: this.intervalMs,
      calls,
      failed,
      byPod,
      byVersion,
    });
  }

  private changed(message: string): void {
    this.emit('state', this.state());
    this.emit('message', message);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }
}

// Worded as `helm upgrade` prints a failed template or schema check.
function refuse(problem: string): ChangeResult {
  return { ok: false, error: `Error: UPGRADE FAILED: ${problem}` };
}
