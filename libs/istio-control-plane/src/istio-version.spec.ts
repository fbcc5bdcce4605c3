import { runProcess } from '@grpc-greeter/greeter-process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ISTIO_PILOT_SOURCE } from './binary';
import { ISTIO_VERSION } from './istio-node';

describe('ISTIO_VERSION', () => {
  it('Should be the line of the istio.io/istio module apps/istio-pilot is built from', async () => {
    const dir = await runProcess('go', ['list', '-m', '-f', '{{.Dir}}', 'istio.io/istio'], {
      cwd: ISTIO_PILOT_SOURCE,
      timeoutMs: 60_000,
    });
    expect(dir.code).toBe(0);
    expect(readFileSync(join(dir.stdout.trim(), 'VERSION'), 'utf8').trim()).toBe(ISTIO_VERSION);
  });
});
