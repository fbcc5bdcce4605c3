import {
  type ClientResult,
  type FailureLine,
  type ProcessRegistry,
  runGreeterClient,
} from '@grpc-greeter/greeter-process';
import { appNode, type GreeterServerProcess, startGreeterServer } from '@grpc-greeter/testing';

// A run that outlives this is stuck, not slow: fail it instead of hanging the suite.
const CLIENT_TIMEOUT_MS = 45_000;

export interface ClientOutcome {
  code: number | null;
  result: ClientResult;
  stderr: string;
  /** Every failed call, in order. */
  failures: FailureLine[];
}

/** The built greeter-server, tracked so afterEach's registry.stopAll() stops it whatever happened. */
export async function startServer(
  registry: ProcessRegistry,
  options: Parameters<typeof startGreeterServer>[0],
): Promise<GreeterServerProcess> {
  return registry.track(await startGreeterServer(options));
}

/** The built greeter-client on the chosen Node (see appNode); rejects when it printed no result. */
export async function runClient(registry: ProcessRegistry, args: string[]): Promise<ClientOutcome> {
  const failures: FailureLine[] = [];
  const run = await runGreeterClient(args, {
    node: appNode(),
    registry,
    timeoutMs: CLIENT_TIMEOUT_MS,
    onFailure: (failure) => failures.push(failure),
  });
  if (!run.result) {
    throw new Error(`greeter-client ended (${run.exitCode}) without a result: ${run.stderr}`);
  }
  return { code: run.exitCode, result: run.result, stderr: run.stderr, failures };
}

/** The first few failed calls, to show in a failed assertion. */
export function firstFailures(failures: readonly FailureLine[], max = 5): string[] {
  return failures.slice(0, max).map((failure) => `${failure.code}: ${failure.message}`);
}
