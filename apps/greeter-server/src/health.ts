import type { Server } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { GREETER_SERVICE_NAME } from '@grpc-greeter/proto';

/** "" is the whole server (what kubelet and grpc_health_probe ask by default). */
const SERVICES = ['', GREETER_SERVICE_NAME];

/** grpc.health.v1 (Check and Watch) for the server and the Greeter, flipped together. */
export function addHealthService(server: Server) {
  const health = new HealthImplementation(
    Object.fromEntries(SERVICES.map((s) => [s, 'NOT_SERVING'])),
  );
  health.addToServer(server);
  const setAll = (state: 'SERVING' | 'NOT_SERVING') =>
    SERVICES.forEach((s) => health.setStatus(s, state));
  return {
    markServing: () => setAll('SERVING'),
    markNotServing: () => setAll('NOT_SERVING'),
  };
}
