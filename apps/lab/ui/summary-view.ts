// What is running: the scenario, its path and control plane, and its pods with their current rate.
import type { LiveState, LiveWindow } from '@grpc-greeter/lab-engine/contract';
import { PATH_LABEL } from '@grpc-greeter/lab-engine/contract';
import { byId, el } from './dom';

export function renderSummary(state: LiveState): void {
  byId('scenario').textContent = state.scenario;
  byId('path').textContent = PATH_LABEL[state.path];
  byId('control-plane').textContent = state.controlPlane ?? 'none (no mesh)';
  byId('weights').textContent = state.weights
    ? Object.entries(state.weights)
        .map(([version, weight]) => `${version}=${weight}`)
        .join(', ')
    : 'none';
}

export function renderPods(state: LiveState, last: LiveWindow | undefined): void {
  const perSecond = last ? 1000 / last.intervalMs : 0;
  const rows = state.pods.map((pod) => {
    const rate = (last?.byPod[pod.hostname] ?? 0) * perSecond;
    return el(
      'tr',
      { dataset: { pod: pod.hostname, version: pod.version, ready: String(pod.ready) } },
      el('td', { textContent: pod.hostname }),
      el('td', { textContent: pod.version }),
      el('td', {
        textContent: pod.ready ? 'ready' : 'starting',
        className: pod.ready ? '' : 'dim',
      }),
      el('td', { textContent: `${rate.toFixed(0)}/s`, className: rate === 0 ? 'num dim' : 'num' }),
    );
  });
  byId('pods').replaceChildren(...rows);
}

/** Failed calls since the page opened, and the last window's calls and failures. */
export class Totals {
  private failed = 0;

  add(window: LiveWindow): void {
    this.failed += window.failed;
    byId('failed-total').textContent = String(this.failed);
    byId('failed-last').textContent = String(window.failed);
    byId('calls-last').textContent = String(window.calls);
  }
}
