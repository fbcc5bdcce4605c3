import type { Server } from '@grpc/grpc-js';
import { helloworldPackageDefinition } from '@grpc-greeter/proto';
import { addOnFirstCall, type MethodShape } from './on-first-call';

const bidi = (path: string): MethodShape => ({ path, requestStream: true, responseStream: true });

/** Server reflection as @grpc/reflection serves it: v1, and v1alpha for older grpcurl. */
export const REFLECTION_METHODS: Record<string, MethodShape> = {
  ServerReflectionInfo: bidi('/grpc.reflection.v1.ServerReflection/ServerReflectionInfo'),
  ServerReflectionInfoV1Alpha: bidi(
    '/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo',
  ),
};

/** Server reflection of the Greeter (what grpcurl lists), loaded on its first call (see addOnFirstCall). */
export function addReflectionService(server: Server): void {
  addOnFirstCall(server, REFLECTION_METHODS, (registrar) => {
    // A require, not an import: a static import would load the package (and protobufjs) at start.
    const { ReflectionService } = require('@grpc/reflection') as typeof import('@grpc/reflection');
    new ReflectionService(helloworldPackageDefinition()).addToServer(registrar as Server);
  });
}
