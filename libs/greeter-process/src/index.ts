// Running the built greeter apps as child processes: shared by the lab (which *is* a process
// orchestrator) and by the tests that exercise the real binaries.
export {
  startGreeterServer,
  type GreeterServerOptions,
  type GreeterServerProcess,
} from './greeter-server-process';
export { runProcess, type ProcessResult } from './run-process';
export { waitFor } from './wait-for';
export type { ClientResult } from './client-result';
