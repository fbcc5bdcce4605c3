// Public surface of the proto lib: the ts-proto code (outputServices=grpc-js) for the wire, and the
// same schema as a proto-loader package definition for the things that need descriptors (reflection).
export {
  GreeterClient,
  GreeterService,
  HelloReply,
  HelloRequest,
  type GreeterServer,
} from './generated/helloworld/helloworld';
export { GREETER_SERVICE_NAME, helloworldPackageDefinition } from './package-definition';
