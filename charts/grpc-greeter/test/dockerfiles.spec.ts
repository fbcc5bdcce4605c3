// The images can only be built where Docker runs; here we check what the Dockerfiles promise: a
// multi-stage Nx build, production-only runtime, non-root user, and the tutorial's entry points
// pointing at bundles that the apps' Nx build really produces.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/paths';

interface Entry {
  path: string;
  app: string;
}

const IMAGES: { app: string; builds: string[]; entries: Entry[] }[] = [
  {
    app: 'greeter-server',
    builds: ['greeter-server', 'health-probe'],
    entries: [
      { path: '/bin/greeter-server', app: 'greeter-server' },
      { path: '/bin/grpc_health_probe', app: 'health-probe' },
    ],
  },
  {
    app: 'greeter-client',
    builds: ['greeter-client'],
    entries: [{ path: '/bin/greeter-client', app: 'greeter-client' }],
  },
];

const read = (rel: string) => readFileSync(join(REPO_ROOT, rel), 'utf8');
/** Dockerfile instructions with `\` continuations joined and comments dropped. */
const instructions = (text: string) =>
  text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

describe.each(IMAGES)('apps/$app/Dockerfile', ({ app, builds, entries }) => {
  const file = `apps/${app}/Dockerfile`;
  const lines = existsSync(join(REPO_ROOT, file)) ? instructions(read(file)) : [];

  it('is multi-stage on node:20-bookworm-slim', () => {
    const froms = lines.filter((l) => l.startsWith('FROM '));
    expect(froms).toEqual([
      'FROM node:20-bookworm-slim AS build',
      'FROM node:20-bookworm-slim AS runtime',
    ]);
  });

  it(`builds ${builds.join(' + ')} with Nx after npm ci, in the build stage`, () => {
    const runtimeAt = lines.findIndex((l) => l.startsWith('FROM node:20-bookworm-slim AS runtime'));
    const buildStage = lines.slice(0, runtimeAt);
    expect(buildStage).toContain('RUN npm ci --no-audit --no-fund');
    expect(buildStage).toContain(`RUN npx nx run-many -t build -p ${builds.join(',')}`);
  });

  it('installs production dependencies only in the runtime stage and runs as a numeric non-root user', () => {
    const runtime = lines.slice(lines.findIndex((l) => l.includes('AS runtime')));
    expect(runtime.some((l) => /^RUN npm ci --omit=dev\b/.test(l))).toBe(true);
    expect(runtime).toContain('COPY package.json package-lock.json ./');
    const users = runtime.filter((l) => l.startsWith('USER '));
    expect(users).toEqual(['USER 65532:65532']);
  });

  it.each(entries)(
    'puts $path in the image, running dist/apps/$app/main.js',
    ({ path, app: target }) => {
      const text = lines.join('\n');
      expect(text).toContain(
        `COPY --from=build /workspace/dist/apps/${target} /app/dist/apps/${target}`,
      );
      expect(text).toContain(
        `printf '#!/bin/sh\\nexec node --enable-source-maps /app/dist/apps/${target}/main.js "$@"\\n' > ${path}`,
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

describe('the client image', () => {
  it('idles with the tutorial’s /bin/sleep by default', () => {
    expect(read('apps/greeter-client/Dockerfile')).toContain('CMD ["/bin/sleep", "3650d"]');
  });
});

describe('.dockerignore', () => {
  it('keeps local installs, build output, caches and git out of the build context', () => {
    const patterns = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(patterns).toEqual(
      expect.arrayContaining(['.git', '**/node_modules', 'dist', '.nx', 'coverage']),
    );
  });
});
