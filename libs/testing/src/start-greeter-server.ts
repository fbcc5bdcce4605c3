import {
  startGreeterServer as start,
  type GreeterServerProcess,
} from '@grpc-greeter/greeter-process';
import { distMain } from './paths';

/** The built greeter-server on 127.0.0.1 (unless given a host), port 0 unless given, with test-friendly defaults. */
export function startGreeterServer(
  options: {
    hostname?: string;
    version?: string;
    args?: string[];
    host?: string;
    port?: number;
  } = {},
): Promise<GreeterServerProcess> {
  const version = options.version ?? 'v1';
  return start({
    main: distMain('greeter-server'),
    hostname: options.hostname ?? `test-server-${version}-${process.pid}`,
    version,
    host: options.host,
    port: options.port,
    args: options.args,
  });
}
