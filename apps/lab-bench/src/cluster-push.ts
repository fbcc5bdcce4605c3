import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { freePort } from '@grpc-greeter/greeter-process';
import { findHelm } from '@grpc-greeter/helm';
import type { BenchContext } from './context';
import { figure, type Section } from './figures';
import { loadAverage } from './machine';
import { workspaceRoot } from './toolchain';

// As plane-push, the client calls every few ms; here from the client pod, through its sidecar.
const CALL_INTERVAL_MS = 2;
const PUSH_TIMEOUT_MS = 15_000;
const NAMESPACE = 'grpc-sidecar';

interface ClusterPushRun {
  to: string;
  /** Start of `kubectl apply` to the first reply from the version that now has all the weight. */
  toFirstReplyMs: number;
}

/**
 * plane-push's edit on the local cluster with Istio's real istiod (`npm run cluster -- up
 * --istio`): weighted-90-10 installed by helm, then `kubectl apply` of its VirtualService with all
 * the weight on the other version, alternately, while the client pod calls through its sidecar
 * (greeter-client --json in `kubectl exec`, each line read as it arrives). The time includes
 * kubectl's own start, the API server, istiod's debounce and push, and the line's way back
 * through `kubectl exec`: what a user who applies a change sees.
 */
export async function measureClusterPush(ctx: BenchContext): Promise<Section> {
  const loadAtStart = loadAverage()[0];
  const root = workspaceRoot();
  const cli = join(root, 'dist/apps/cluster/main.js');
  const kubectl = join(root, 'dist/apps/kube-control-plane/kubectl');
  const helm = findHelm();
  const missing = [cli, kubectl, join(root, 'dist/apps/istiod/pilot-discovery')].filter(
    (file) => !existsSync(file),
  );
  if (missing.length > 0 || !helm || process.platform !== 'linux') {
    const reason = !helm
      ? 'no helm'
      : `${missing.join(', ') || 'not Linux'} missing (npx nx run-many -t build -p cluster istiod kube-control-plane kube-node coredns sidecar-stand-in)`;
    return skipped(ctx, reason, loadAtStart);
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
  const env = { ...process.env, KUBECONFIG: join(stateDir, 'kubeconfig') };
  const run = (command: string, args: string[], input?: string) => {
    const result = spawnSync(command, args, { env, encoding: 'utf8', input, cwd: root });
    if (result.status !== 0)
      throw new Error(`${command} ${args[0]}: ${(result.stderr || result.stdout).trim()}`);
    return result.stdout;
  };
  const raw: ClusterPushRun[] = [];
  try {
    ctx.progress('cluster push: starting the local cluster with istiod');
    run(process.execPath, [
      cli,
      'up',
      '--istio',
      '--state-dir',
      stateDir,
      '--port',
      String(await freePort()),
    ]);
    run(helm, [
      'install',
      'grpc-greeter',
      'charts/grpc-greeter',
      '-n',
      NAMESPACE,
      '--create-namespace',
      '-f',
      'charts/grpc-greeter/scenarios/weighted-90-10.yaml',
      '--wait',
      '--timeout=2m',
    ]);
    const vs = JSON.parse(run(kubectl, ['get', 'virtualservice', '-n', NAMESPACE, '-o', 'json']))
      .items[0] as VirtualService;
    const client = run(kubectl, [
      'get',
      'pod',
      '-n',
      NAMESPACE,
      '-l',
      'app=istio-grpc-client',
      '-o',
      'jsonpath={.items[0].metadata.name}',
    ]);
    const caller = spawn(
      kubectl,
      [
        'exec',
        '-n',
        NAMESPACE,
        client,
        '-c',
        'istio-grpc-client',
        '--',
        '/bin/greeter-client',
        '--insecure=true',
        '--address=istio-grpc-server:8080',
        '--json',
        '--duration=10m',
        `--interval=${CALL_INTERVAL_MS}ms`,
      ],
      { env, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const replies = createInterface({ input: caller.stdout });
    const waiting = new Set<(version: string, at: number) => void>();
    replies.on('line', (line) => {
      const at = performance.now();
      const event = JSON.parse(line) as { event: string; version?: string };
      if (event.event === 'reply' && event.version)
        for (const listener of waiting) listener(event.version, at);
    });
    const nextReplyFrom = (version: string) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(listener);
          reject(new Error(`no reply from ${version} within ${PUSH_TIMEOUT_MS} ms`));
        }, PUSH_TIMEOUT_MS);
        const listener = (from: string, at: number) => {
          if (from !== version) return;
          clearTimeout(timer);
          waiting.delete(listener);
          resolve(at);
        };
        waiting.add(listener);
      });
    try {
      const [first, second] = vs.spec.http[0].route.map((r) => r.destination.subset);
      let current = first;
      await applyAllTo(
        vs,
        current,
        (yaml) => run(kubectl, ['apply', '-f', '-'], yaml),
        nextReplyFrom,
      );
      for (let i = 1; i <= ctx.runs; i++) {
        const next = current === first ? second : first;
        const firstReply = nextReplyFrom(next);
        const appliedAt = performance.now();
        applyRoute(vs, next, (yaml) => run(kubectl, ['apply', '-f', '-'], yaml));
        const ms = Math.round(((await firstReply) - appliedAt) * 10) / 10;
        raw.push({ to: next, toFirstReplyMs: ms });
        ctx.progress(
          `cluster push run ${i}/${ctx.runs}: all to ${next}, first reply after ${ms} ms`,
        );
        current = next;
      }
    } finally {
      caller.kill('SIGTERM');
    }
  } finally {
    spawnSync(process.execPath, [cli, 'down', '--state-dir', stateDir], { env });
    rmSync(stateDir, { recursive: true, force: true });
  }
  return {
    id: 'cluster-push',
    title: `local cluster: kubectl apply of new weights to traffic, through istiod (one call every ${CALL_INTERVAL_MS} ms; plane-push above has the builtin plane's figure)`,
    method:
      'weighted-90-10 by helm on `npm run cluster -- up --istio`; `kubectl apply` of its VirtualService ' +
      'with all the weight on the other version; time from starting kubectl to the first reply from ' +
      "that version in the client pod's JSON Lines (through its sidecar and kubectl exec)",
    figures: [
      figure(
        'istiod-to-first-reply',
        'istiod on the cluster: kubectl apply to first reply it routes',
        'ms',
        raw.map((r) => r.toFirstReplyMs),
      ),
    ],
    raw,
    loadAverage: loadAtStart,
  };
}

interface VirtualService {
  metadata: { name: string; namespace: string };
  spec: { http: Array<{ route: Array<{ destination: { subset: string }; weight?: number }> }> };
}

/** The VirtualService with every weight on `subset`, applied. */
function applyRoute(vs: VirtualService, subset: string, apply: (yaml: string) => void): void {
  const edited = structuredClone(vs) as VirtualService & { metadata: Record<string, unknown> };
  edited.metadata = { name: vs.metadata.name, namespace: vs.metadata.namespace };
  for (const route of edited.spec.http[0].route)
    route.weight = route.destination.subset === subset ? 100 : 0;
  apply(JSON.stringify(edited));
}

/** The starting point: all weight on `subset`, and a reply from it seen. */
async function applyAllTo(
  vs: VirtualService,
  subset: string,
  apply: (yaml: string) => void,
  nextReplyFrom: (version: string) => Promise<number>,
): Promise<void> {
  const seen = nextReplyFrom(subset);
  applyRoute(vs, subset, apply);
  await seen;
}

function skipped(ctx: BenchContext, reason: string, loadAtStart: number): Section {
  ctx.progress(`cluster push: skipped, ${reason}`);
  return {
    id: 'cluster-push',
    title: `local cluster push: skipped, ${reason}`,
    method: 'skipped',
    figures: [],
    raw: [],
    loadAverage: loadAtStart,
  };
}
