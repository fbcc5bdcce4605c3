// Running the built greeter apps as child processes, shared by the lab (which *is* a process
// orchestrator) and by the tests that exercise the real binaries; and the few facts the apps and
// whoever runs them must agree on (the client's JSON Lines, the default port, the pod version).
export {
  startGreeterServer,
  type GreeterServerOptions,
  type ServerProgram,
  type GreeterServerProcess,
} from './greeter-server-process';
export { runProcess, type ProcessResult } from './run-process';
export { waitFor } from './wait-for';
export type {
  ClientLine,
  ClientResult,
  ExpectationResult,
  FailureLine,
  ReplyLine,
  ResultLine,
} from './client-protocol';
export { DEFAULT_GREETER_PORT } from './default-port';
export { UNKNOWN_VERSION, versionFromPodName } from './pod-version';
export { goLogTimestamp, replyLine } from './tutorial-line';
export { ProcessRegistry } from './process-registry';
export { builtApp, type BuiltApp } from './built-app';
export {
  type GreeterClientOptions,
  type GreeterClientRun,
  runGreeterClient,
} from './greeter-client-run';
export { freePort, freePorts } from './free-ports';
