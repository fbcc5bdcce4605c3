import { loadFileDescriptorSetFromObject } from '@grpc/proto-loader';
// Written by `buf build` in the codegen target, from the same .proto files as the ts-proto code.
import descriptorSet from './generated/helloworld.descriptor-set.json';

/** Fully-qualified service name, as health checks and reflection spell it. */
export const GREETER_SERVICE_NAME = 'helloworld.Greeter';

export const helloworldPackageDefinition = loadFileDescriptorSetFromObject(descriptorSet, {});
