import { goLogTimestamp } from '@grpc-greeter/greeter-process';
import type { ClientConfig } from './flags';

// OpenSSL's reason when a TLS ClientHello is answered in plaintext, as a greeter-server without
// --tls-cert answers it (Node 20 and 24 alike: error 0A00010B).
const PLAINTEXT_PEER = /wrong version number/i;

/**
 * The stderr line for a failed call, on one line (grpc-js puts newlines in its messages), with what
 * to do when the error says it.
 */
export function failureLine(code: string, message: string, tls: ClientConfig['tls']): string {
  const hint =
    !tls.insecure && PLAINTEXT_PEER.test(message)
      ? ' (the server speaks plaintext: add --insecure)'
      : '';
  return `${goLogTimestamp()} could not greet: ${code}: ${message.replace(/\s*\n\s*/g, ' ').trim()}${hint}`;
}
