// The README's `npm start -- --json | python3 -m json.tool`, run as a user types it: through npm's
// real lifecycle (prestart's Nx build, npm's own banners), stdout must stay one JSON document.
import { runProcess, workspaceRoot } from '@grpc-greeter/testing';

const COMMAND = 'npm start -- --json --scenario no-sidecar | python3 -m json.tool';

/**
 * This environment less what an outer `npm test` or Nx task hands down (npm_config_json…). Without
 * NX_SKIP_NX_CACHE, prestart's build finds the outer run's builds in the cache and leaves dist/
 * alone: rebuilt, dist/ would vanish under the tests running beside this one.
 */
function userEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(npm_|NX_TASK_|NX_SKIP_NX_CACHE$)/i.test(name),
    ),
  );
}

describe('npm start -- --json', () => {
  it('pipes into python3 -m json.tool', async () => {
    const result = await runProcess('bash', ['-o', 'pipefail', '-c', COMMAND], {
      cwd: workspaceRoot,
      env: userEnvironment(),
      timeoutMs: 100_000,
    });
    expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ scenario: 'no-sidecar', verdict: 'PASS' }),
    ]);
  }, 120_000);
});
