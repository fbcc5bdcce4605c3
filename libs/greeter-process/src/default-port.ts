/**
 * The port greeter-server listens on and greeter-client dials when neither is given --address
 * (grpc-go's helloworld example uses the same), so the two work together out of the box. The chart
 * and the server image pass the tutorial's 8080 explicitly.
 */
export const DEFAULT_GREETER_PORT = 50051;
