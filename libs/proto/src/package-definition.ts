import type { PackageDefinition } from '@grpc/proto-loader';

/** Fully-qualified service name, as health checks and reflection spell it. */
export const GREETER_SERVICE_NAME = 'helloworld.Greeter';

let packageDefinition: PackageDefinition | undefined;

/**
 * The schema as a proto-loader package definition, built on first use: only reflection needs it, and
 * a client that imports this library (for the ts-proto code or GREETER_SERVICE_NAME) should not load
 * protobufjs and parse the descriptor set at start-up. Synchronous, because greeter-server builds it
 * inside a call's first deserialization (addOnFirstCall); the requires in the body are what keep a
 * bundle from evaluating proto-loader when it starts.
 */
export function helloworldPackageDefinition(): PackageDefinition {
  if (!packageDefinition) {
    const protoLoader = require('@grpc/proto-loader') as typeof import('@grpc/proto-loader');
    // Written by `buf build` in the codegen target, from the same .proto files as the ts-proto code.
    const descriptorSet = require('./generated/helloworld.descriptor-set.json') as object;
    packageDefinition = protoLoader.loadFileDescriptorSetFromObject(descriptorSet, {});
  }
  return packageDefinition;
}
