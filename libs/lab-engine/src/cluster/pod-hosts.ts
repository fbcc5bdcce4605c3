/**
 * Where lab pods listen. 127.0.0.1 with a port each is the portable default (macOS has only that
 * loopback address up). Istio's control plane tells endpoints apart by IP (it merges a Service's
 * endpoints that share an address and port name), so with it every pod gets an address of its own
 * in 127.0.0.0/8, which Linux routes to loopback as a whole.
 */
export type PodHosts = () => string;

export const sharedLoopback: PodHosts = () => '127.0.0.1';

export function distinctLoopbacks(): PodHosts {
  let next = 2;
  return () => {
    const n = next++;
    return `127.0.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  };
}
