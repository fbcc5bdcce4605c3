import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsFiles {
  dir: string;
  cert: string;
  key: string;
}

/** A throwaway self-signed certificate for "localhost" made with openssl (its own CA). */
export function makeSelfSignedCert(): TlsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'greeter-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  try {
    runOpenssl(key, cert);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error('openssl not found: install it (apt-get install openssl; .ci/run does)', {
      cause: error,
    });
  }
  return { dir, cert, key };
}

function runOpenssl(key: string, cert: string): void {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
}
