// Test helpers: run the *built* apps as real processes on loopback. Only specs import this.
export {
  builtApp,
  type BuiltApp,
  runProcess,
  waitFor,
  type GreeterServerProcess,
  type ProcessResult,
} from '@grpc-greeter/greeter-process';
export { APP_NODE_ENV, appNode } from './app-node';
export { workspaceRoot } from './paths';
export { ADDED_SCENARIO, copyWithAddedScenario, type RepositoryCopy } from './repository-copy';
export { runApp, spawnApp } from './run-app';
export { startGreeterServer } from './start-greeter-server';
export { makeSelfSignedCert, type TlsFiles } from './tls-files';
export { findHelm, helm, type HelmResult } from '@grpc-greeter/helm';
