// Running the built greeter apps as child processes, shared by the lab (which *is* a process
// orchestrator) and by the tests that exercise the real binaries; and the few facts the apps and
// whoever runs them must agree on (the client's JSON result, the default port, the pod version).
export {
  startGreeterServer,
  type GreeterServerOptions,
  type GreeterServerProcess,
} from './greeter-server-process';
export { runProcess, type ProcessResult } from './run-process';
export { waitFor } from './wait-for';
export type { ClientResult } from './client-result';
export { DEFAULT_GREETER_PORT } from './default-port';
export { UNKNOWN_VERSION, versionFromPodName } from './pod-version';
export { ProcessRegistry } from './process-registry';
export { builtApp, type BuiltApp } from './built-app';
export { runClient, type ClientRun } from './greeter-client-run';
