// pilot-agent's admin port. A Job or `helm test` pod with an injected sidecar only completes once the
// sidecar exits too; this endpoint is how a finished workload asks it to.
const QUIT_URL = 'http://127.0.0.1:15020/quitquitquit';
const QUIT_TIMEOUT_MS = 2000;

/** Best effort: without a sidecar nothing listens there, and that is fine. */
export async function quitIstioSidecar(): Promise<boolean> {
  try {
    const response = await fetch(QUIT_URL, {
      method: 'POST',
      signal: AbortSignal.timeout(QUIT_TIMEOUT_MS),
    });
    return response.ok;
  } catch {
    return false;
  }
}
