import { join } from 'node:path';
import { credentials, Metadata } from '@grpc/grpc-js';
import { runProcess } from '@grpc-greeter/greeter-process';
import { GreeterClient } from '@grpc-greeter/proto';
import { ensureGhz } from './ghz';
import { allowedCpus, findExecutable, workspaceRoot } from './toolchain';

/** What the comparison needs, or why it cannot run on this machine. */
export type GrpcGoPeer =
  | { skip: string }
  | { ghz: string; binary: string; protoFile: string; serverCpu: number; ghzCpu: number };

/** The Nx build of apps/grpc-go-greeter (cached on its sources, go.sum and `go version`). */
async function buildGrpcGoGreeter(root: string): Promise<string> {
  const build = await runProcess(
    join(root, 'node_modules/.bin/nx'),
    ['run', 'grpc-go-greeter:build', '--output-style=static'],
    { cwd: root, timeoutMs: 15 * 60_000 },
  );
  if (build.code !== 0) {
    throw new Error(`nx run grpc-go-greeter:build failed:\n${build.stdout}${build.stderr}`);
  }
  return join(root, 'dist/apps/grpc-go-greeter/grpc-go-greeter');
}

/**
 * Finds Go, taskset and two CPUs (one for the server under test, one for ghz), installs ghz if
 * missing and builds the grpc-go reference greeter. Without Go there is nothing to compare with.
 */
export async function prepareGrpcGoPeer(progress: (line: string) => void): Promise<GrpcGoPeer> {
  const go = findExecutable('go');
  if (!go) return { skip: 'no `go` on PATH (Go builds the grpc-go greeter and ghz)' };
  const cpus = allowedCpus();
  if (!findExecutable('taskset') || cpus.length < 2) {
    return { skip: `needs taskset and 2 CPUs to pin server and ghz apart (CPUs: ${cpus.length})` };
  }
  const ghz = await ensureGhz(go, progress);
  const root = workspaceRoot();
  progress('building grpc-go-greeter (nx run grpc-go-greeter:build)');
  const binary = await buildGrpcGoGreeter(root);
  return {
    ghz,
    binary,
    protoFile: join(root, 'proto/helloworld/helloworld.proto'),
    serverCpu: cpus[0],
    ghzCpu: cpus[1],
  };
}

/**
 * One SayHello, failing unless the reply carries the `hostname` and `version` headers expected:
 * both servers must do the same work per call for their numbers to be comparable.
 */
export async function checkIdentityHeaders(
  address: string,
  expected: { hostname: string; version: string },
): Promise<void> {
  const client = new GreeterClient(address, credentials.createInsecure());
  try {
    const headers = await new Promise<Metadata>((resolve, reject) => {
      let received = new Metadata();
      const call = client.sayHello({ name: 'bench' }, (error) =>
        error ? reject(error) : resolve(received),
      );
      call.on('metadata', (metadata: Metadata) => (received = metadata));
    });
    const got = { hostname: headers.get('hostname')[0], version: headers.get('version')[0] };
    if (got.hostname !== expected.hostname || got.version !== expected.version) {
      throw new Error(`${address} answered with headers ${JSON.stringify(got)}`);
    }
  } finally {
    client.close();
  }
}
