// Go's time.ParseDuration grammar, because the chart passes these strings straight to the Go-style
// flags of the server and client: what Go accepts here is exactly what the lab must accept.
// (Stand-in until @grpc-greeter/cli-kit exports parseGoDuration; same signature, so it can be deduped.)

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3, // U+00B5 micro sign
  μs: 1e-3, // U+03BC Greek mu
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const TERM = /(\d*)(?:\.(\d*))?([^\d.]+)/y;

/** Parses a Go duration ("1.5s", "1m30s", "-2ms", "0") into milliseconds; throws on bad input. */
export function parseGoDuration(text: string): number {
  const fail = (): never => {
    throw new Error(`invalid Go duration ${JSON.stringify(text)} (examples: 10ms, 1.5s, 1m30s)`);
  };
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') fail();
  let total = 0;
  TERM.lastIndex = 0;
  while (TERM.lastIndex < rest.length) {
    const match = TERM.exec(rest) ?? fail();
    const [, whole, fraction, unit] = match;
    const perUnit = UNIT_MS[unit] ?? fail();
    if (whole === '' && !fraction) fail();
    total += Number(`${whole || '0'}.${fraction || '0'}`) * perUnit;
  }
  return sign * total;
}
