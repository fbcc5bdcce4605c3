import {
  builtApp,
  startGreeterServer as start,
  type GreeterServerProcess,
} from '@grpc-greeter/greeter-process';
import { appNode } from './app-node';

/**
 * The built greeter-server on 127.0.0.1 (unless given a host) and the chosen Node (see appNode), port 0 unless given,
 * version v1 unless given; `version: undefined` leaves it to the server to derive.
 */
export function startGreeterServer(
  options: {
    hostname?: string;
    version?: string;
    args?: string[];
    port?: number;
    env?: NodeJS.ProcessEnv;
    host?: string;
  } = {},
): Promise<GreeterServerProcess> {
  const version = 'version' in options ? options.version : 'v1';
  return start({
    main: builtApp('greeter-server'),
    node: appNode(),
    hostname: options.hostname ?? `test-server-${version ?? 'derived'}-${process.pid}`,
    version,
    host: options.host,
    port: options.port,
    args: options.args,
    env: options.env,
  });
}
