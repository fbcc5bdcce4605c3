// Test helpers: run the *built* apps as real processes on loopback. Only specs import this.
export { distMain, workspaceRoot } from './paths';
export { runProcess, type ProcessResult } from './run-process';
export { startGreeterServer, type GreeterServerProcess } from './greeter-server-process';
export { makeSelfSignedCert, type TlsFiles } from './tls-files';
export { waitFor } from './wait-for';
