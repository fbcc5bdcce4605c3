/** One JSON object per line on stdout: easy to read in `kubectl logs`, easy for the lab to parse. */
export function logEvent(msg: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), msg, ...fields })}\n`);
}
