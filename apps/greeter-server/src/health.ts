import type { Server } from '@grpc/grpc-js';
import type { HealthImplementation } from 'grpc-health-check';
import { GREETER_SERVICE_NAME } from '@grpc-greeter/proto';
import { addOnFirstCall, type MethodShape } from './on-first-call';

/** "" is the whole server (what kubelet and grpc_health_probe ask by default). */
const SERVICES = ['', GREETER_SERVICE_NAME];

type Status = 'SERVING' | 'NOT_SERVING';

const HEALTH = '/grpc.health.v1.Health';
/** grpc.health.v1.Health as grpc-health-check 2.x serves it. */
export const HEALTH_METHODS: Record<string, MethodShape> = {
  Check: { path: `${HEALTH}/Check`, requestStream: false, responseStream: false },
  Watch: { path: `${HEALTH}/Watch`, requestStream: false, responseStream: true },
  List: { path: `${HEALTH}/List`, requestStream: false, responseStream: false },
};

/**
 * grpc.health.v1 (Check, Watch, List) for the server and the Greeter, flipped together; served by
 * grpc-health-check, loaded on the first health call (see addOnFirstCall).
 */
export function addHealthService(server: Server) {
  let status: Status = 'NOT_SERVING';
  let health: HealthImplementation | undefined;
  addOnFirstCall(server, HEALTH_METHODS, (registrar) => {
    // A require, not an import: a static import would load the package (and parse its .proto) at start.
    const { HealthImplementation } =
      require('grpc-health-check') as typeof import('grpc-health-check');
    health = new HealthImplementation(Object.fromEntries(SERVICES.map((s) => [s, status])));
    health.addToServer(registrar as Server);
  });
  const setAll = (state: Status) => {
    status = state;
    SERVICES.forEach((s) => health?.setStatus(s, state));
  };
  return {
    markServing: () => setAll('SERVING'),
    markNotServing: () => setAll('NOT_SERVING'),
  };
}
