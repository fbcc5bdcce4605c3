// Where the fake's client sends one call, by path: the rule the live view exists to show.
import type { LabPath, LiveState, PodInfo } from '@grpc-greeter/lab-engine';

export interface Traffic {
  path: LabPath;
  /** Pods the client learned at start: the headless Service's DNS answer (client-side). */
  known: string[];
  /** The pod the client's one TCP connection landed on (kube-proxy). */
  connectedTo: string;
  turn: number;
}

/** The pod that answers the next call, or undefined when the call fails. */
export function pickPod(
  traffic: Traffic,
  state: LiveState,
  random: () => number,
): PodInfo | undefined {
  const ready = state.pods.filter((pod) => pod.ready);
  if (traffic.path === 'kube-proxy') {
    // A restart closes the connection; the reconnect lands on any ready pod.
    if (!ready.some((pod) => pod.hostname === traffic.connectedTo) && ready.length > 0) {
      traffic.connectedTo = ready[Math.floor(random() * ready.length)].hostname;
    }
    return ready.find((pod) => pod.hostname === traffic.connectedTo);
  }
  // client-side: round robin over the start-time address list, so later pods stay dark.
  // mesh: the weights pick a version, then round robin over its ready pods, new ones included.
  const candidates =
    traffic.path === 'client-side'
      ? ready.filter((pod) => traffic.known.includes(pod.hostname))
      : inVersion(ready, weightedVersion(state, random));
  if (candidates.length === 0) return undefined;
  traffic.turn += 1;
  return candidates[traffic.turn % candidates.length];
}

function weightedVersion(state: LiveState, random: () => number): string | undefined {
  if (!state.weights) return undefined;
  let left = random() * 100;
  for (const [version, weight] of Object.entries(state.weights)) {
    left -= weight;
    if (left < 0) return version;
  }
  return undefined;
}

function inVersion(pods: PodInfo[], version: string | undefined): PodInfo[] {
  return version === undefined ? pods : pods.filter((pod) => pod.version === version);
}
