import type { PackageDefinition } from '@grpc/proto-loader';

/** Fully-qualified service name, as health checks and reflection spell it. */
export const GREETER_SERVICE_NAME = 'helloworld.Greeter';

let packageDefinition: Promise<PackageDefinition> | undefined;

/**
 * The schema as a proto-loader package definition, built on first use: only reflection needs it, and
 * a client that imports this library (for the ts-proto code or GREETER_SERVICE_NAME) should not load
 * protobufjs and parse the descriptor set at start-up. The imports are dynamic so that a bundle
 * evaluates them on the first call, not when it starts.
 */
export function loadHelloworldPackageDefinition(): Promise<PackageDefinition> {
  packageDefinition ??= (async () => {
    const { loadFileDescriptorSetFromObject } = await import('@grpc/proto-loader');
    // Written by `buf build` in the codegen target, from the same .proto files as the ts-proto code.
    const { default: descriptorSet } = await import('./generated/helloworld.descriptor-set.json');
    return loadFileDescriptorSetFromObject(descriptorSet, {});
  })();
  return packageDefinition;
}
