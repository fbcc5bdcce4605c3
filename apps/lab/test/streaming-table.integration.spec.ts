// The table as it is printed: on a terminal, a progress line from the start and each row as soon as
// it and the rows above it are done; off a terminal, the same rows as plain lines, as they are done.
import { spawn } from 'node:child_process';
import { builtApp, workspaceRoot } from '@grpc-greeter/testing';

// A quick steady scenario and a long phased one: the first row is done seconds before the second.
const LAB = [builtApp('lab'), '--scenario', 'no-sidecar,scale-up-no-sidecar', '--parallel', '2'];
const FIRST_ROW = /(?<!-)no-sidecar +kube-proxy/;
const LAST_ROW = /scale-up-no-sidecar +kube-proxy/;
// ESC (which starts the terminal's control sequences) and carriage return: what redraws a line.
const CONTROL_CHARACTERS = ['\u001b', '\r'];

interface Timed {
  code: number | null;
  output: string;
  /** When the output first matched `pattern`, in ms since the start. */
  seen(pattern: RegExp | string): number;
}

/** Runs a command to completion, timing each chunk of its stdout from the start. */
function timed(command: string, args: string[]): Promise<Timed> {
  const started = Date.now();
  const child = spawn(command, args, { cwd: workspaceRoot });
  const chunks: Array<{ atMs: number; text: string }> = [];
  child.stdout.on('data', (chunk: Buffer) =>
    chunks.push({ atMs: Date.now() - started, text: chunk.toString() }),
  );
  child.stderr.resume();
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const seen = (pattern: RegExp | string) => {
    let output = '';
    for (const chunk of chunks) {
      output += chunk.text;
      if (typeof pattern === 'string' ? output.includes(pattern) : pattern.test(output))
        return chunk.atMs;
    }
    throw new Error(`never printed: ${pattern}`);
  };
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: chunks.map((c) => c.text).join(''), seen });
    });
  });
}

describe('the lab table, streamed', () => {
  it('on a terminal: a progress line within 1 s, the first row while the last scenario still runs', async () => {
    // `script` runs the lab on a pseudo-terminal, as a user's shell would.
    const lab = await timed('script', ['-qfec', [process.execPath, ...LAB].join(' '), '/dev/null']);
    expect(lab.code).toBe(0);
    expect(lab.seen('rendering 2 input(s)')).toBeLessThan(1000);
    const first = lab.output.search(FIRST_ROW);
    const last = lab.output.search(LAST_ROW);
    expect(first).toBeGreaterThan(0);
    // Under the first row, the progress line says the other scenario still runs.
    expect(lab.output.slice(first, last)).toContain('running scale-up-no-sidecar · 1 of 2 done');
    expect(lab.seen(LAST_ROW) - lab.seen(FIRST_ROW)).toBeGreaterThan(1000);
  }, 90_000);

  it('off a terminal: no control characters, the header first, each row as it is done', async () => {
    const lab = await timed(process.execPath, LAB);
    expect(lab.code).toBe(0);
    for (const character of CONTROL_CHARACTERS) expect(lab.output).not.toContain(character);
    const lines = lab.output.split('\n');
    expect(lines[0]).toBe('');
    expect(lines[1]).toMatch(/^scenario +path +calls +v1 +v2 +pods +expected +verdict$/);
    expect(lines[2]).toMatch(/^-+( +-+)+$/);
    expect(lines.slice(3, 5).map((line) => line.split(' ')[0])).toEqual([
      'no-sidecar',
      'scale-up-no-sidecar',
    ]);
    expect(lab.seen(LAST_ROW) - lab.seen(FIRST_ROW)).toBeGreaterThan(1000);
  }, 90_000);
});
