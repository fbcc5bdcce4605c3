// The lab's live view: state and one-second windows arrive as server-sent events; the charts and
// tables redraw on each, and the forms post changes back (see apps/lab/src/ui/server.ts).
import type { LiveState, LiveWindow } from '@grpc-greeter/lab-engine/contract';
import { Controls } from './controls-view';
import { byId, el } from './dom';
import { subscribe } from './lab-api';
import { LiveChart } from './live-chart';
import { renderPods, renderSummary, Totals } from './summary-view';
import 'uplot/dist/uPlot.min.css';
import './style.css';

// Enough lines to follow a rolling update; older ones drop off.
const LOG_LINES = 12;

const podChart = new LiveChart(byId('pod-chart'), byId('pod-legend'));
const versionChart = new LiveChart(byId('version-chart'), byId('version-legend'));
const controls = new Controls();
const totals = new Totals();
let state: LiveState | undefined;
let last: LiveWindow | undefined;

subscribe(
  {
    state: (next) => {
      state = next;
      renderSummary(next);
      renderPods(next, last);
      controls.render(next);
    },
    window: (window) => {
      last = window;
      const perSecond = 1000 / window.intervalMs;
      const rate = (counts: Record<string, number>) =>
        Object.fromEntries(Object.entries(counts).map(([key, n]) => [key, n * perSecond]));
      const at = Date.parse(window.time);
      podChart.push(at, rate(window.byPod), state?.pods.map((pod) => pod.hostname) ?? []);
      versionChart.push(at, rate(window.byVersion), Object.keys(state?.replicas ?? {}));
      totals.add(window);
      if (state) renderPods(state, window);
    },
    message: (text) => {
      const time = new Date().toLocaleTimeString();
      byId('log').prepend(el('li', { textContent: `${time} ${text}` }));
      while (byId('log').childElementCount > LOG_LINES) byId('log').lastElementChild?.remove();
    },
  },
  (open) => {
    byId('connection').textContent = open ? 'live' : 'reconnecting…';
    byId('connection').className = open ? 'live' : 'down';
  },
);
