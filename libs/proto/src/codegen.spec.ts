import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const workspaceRoot = resolve(__dirname, '../../..');
const generatedFile = 'libs/proto/src/generated/helloworld/helloworld.ts';

function buf(args: string[], cwd: string): void {
  execFileSync(join(workspaceRoot, 'node_modules/.bin/buf'), args, { cwd, stdio: 'pipe' });
}

describe('codegen', () => {
  it('the generated code is exactly what buf + ts-proto produce from proto/ (never hand-edited)', () => {
    const out = mkdtempSync(join(tmpdir(), 'codegen-'));
    try {
      cpSync(join(workspaceRoot, 'proto'), join(out, 'proto'), { recursive: true });
      cpSync(join(workspaceRoot, 'libs/proto/buf.gen.yaml'), join(out, 'buf.gen.yaml'));
      symlinkSync(join(workspaceRoot, 'node_modules'), join(out, 'node_modules'));
      buf(['generate', 'proto', '--template', 'buf.gen.yaml'], out);
      expect(readFileSync(join(out, generatedFile), 'utf8')).toBe(
        readFileSync(join(workspaceRoot, generatedFile), 'utf8'),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  // Runs Nx for real in a copy of the workspace: the second build is a cache hit, and touching the
  // .proto makes codegen and the dependent app build run again.
  it('changing a .proto invalidates the cached codegen and the builds that depend on it', () => {
    const copy = mkdtempSync(join(tmpdir(), 'nx-inputs-'));
    const files = [
      '.gitignore',
      'nx.json',
      'package.json',
      'package-lock.json',
      'tsconfig.base.json',
      'tsconfig.spec.json',
      'jest.preset.js',
      'eslint.config.js',
      'proto',
      // Every lib (whatever greeter-client comes to import), one app that depends on the proto lib.
      'libs',
      'apps/greeter-client',
      // A lib's implicit dependency (istio-control-plane runs the Go binary): the graph needs it.
      'apps/istio-pilot/project.json',
    ];
    try {
      for (const file of files) {
        cpSync(join(workspaceRoot, file), join(copy, file), {
          recursive: true,
          filter: (source) => !source.includes('/generated'),
        });
      }
      symlinkSync(join(workspaceRoot, 'node_modules'), join(copy, 'node_modules'));
      const build = () =>
        execFileSync(
          join(workspaceRoot, 'node_modules/.bin/nx'),
          ['run', 'greeter-client:build', '--output-style=static'],
          {
            cwd: copy,
            env: {
              // The outer Nx run's variables (workspace root, task ids) must not leak into the copy.
              ...Object.fromEntries(
                Object.entries(process.env).filter(([key]) => !key.startsWith('NX_')),
              ),
              NX_DAEMON: 'false',
              NX_NO_CLOUD: 'true',
              NX_TUI: 'false',
              FORCE_COLOR: '0',
              NO_COLOR: '1',
              CI: 'true',
            },
            encoding: 'utf8',
          },
        );
      const wasCached = (output: string, task: string) =>
        new RegExp(`nx run ${task}\\s+\\[(local cache|existing outputs match the cache)`).test(
          output,
        );

      build();
      const second = build();
      expect(wasCached(second, 'proto-ts:codegen')).toBe(true);
      expect(wasCached(second, 'greeter-client:build')).toBe(true);

      appendFileSync(
        join(copy, 'proto/helloworld/helloworld.proto'),
        '\n// touched by codegen.spec.ts\n',
      );
      const third = build();
      expect(third).toContain('nx run proto-ts:codegen');
      expect(wasCached(third, 'proto-ts:codegen')).toBe(false);
      expect(wasCached(third, 'greeter-client:build')).toBe(false);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);
});
