// Schema validation of rendered objects with kubernetes-models, @kubernetes-models/istio and
// @kubernetes-models/gateway-api, run in a plain Node child process (see validate-models.mjs for why).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { K8sObject } from './render';

export interface ModelResult {
  apiVersion: string;
  kind: string;
  name: string;
  error: string | null;
}

const SCRIPT = join(__dirname, 'validate-models.mjs');

export function validateWithModels(objects: K8sObject[]): Promise<ModelResult[]> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      process.execPath,
      [SCRIPT],
      { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`validate-models.mjs failed: ${stderr || error.message}`));
          return;
        }
        resolvePromise(JSON.parse(stdout) as ModelResult[]);
      },
    );
    child.stdin?.end(JSON.stringify(objects));
  });
}
