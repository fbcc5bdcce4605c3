import type {
  MethodDefinition,
  Server,
  ServiceDefinition,
  UntypedHandleCall,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';

/** What grpc-js needs to route a call: its path and which sides stream. */
export interface MethodShape {
  path: string;
  requestStream: boolean;
  responseStream: boolean;
}

/** Where a library's `addToServer(server)` registers its services: all it calls is addService. */
export type Registrar = Pick<Server, 'addService'>;

type AnyMethod = MethodDefinition<unknown, unknown>;
type AnyHandler = (...args: unknown[]) => void;

/**
 * Adds the services that `register` would add (a library's `addToServer`), but runs `register` on
 * the first call to any of them, not now. grpc-health-check and @grpc/reflection parse .proto files
 * with proto-loader (protobufjs) when they load: about 60 of a pod's 140 ms of CPU to its
 * `listening` line, about 2 CPU s of the lab's table (38 pods, none of them probed or reflected).
 * On a cluster, the first kubelet probe or grpcurl call loads them. grpc-js routes a call by its
 * path and streaming sides alone, so `methods` declares those (a test checks them against the
 * libraries' own definitions); serializers and handlers are the library's, looked up on use.
 * No library defers a service definition, hence this file.
 */
export function addOnFirstCall(
  server: Server,
  methods: Readonly<Record<string, MethodShape>>,
  register: (registrar: Registrar) => void,
): void {
  let registered: Map<string, { method: AnyMethod; handler: AnyHandler }> | undefined;
  const real = (path: string) => {
    if (!registered) {
      const found = new Map<string, { method: AnyMethod; handler: AnyHandler }>();
      register({
        addService(definition: ServiceDefinition, implementation: UntypedServiceImplementation) {
          for (const [name, method] of Object.entries(definition) as Array<[string, AnyMethod]>) {
            const handler = implementation[name] ?? implementation[method.originalName ?? ''];
            found.set(method.path, { method, handler: handler as unknown as AnyHandler });
          }
        },
      });
      registered = found;
    }
    const method = registered.get(path);
    if (!method) throw new Error(`${path}: the library registered no such method`);
    return method;
  };

  const services = new Map<
    string,
    { definition: Record<string, AnyMethod>; handlers: Record<string, UntypedHandleCall> }
  >();
  for (const [name, shape] of Object.entries(methods)) {
    const serviceName = shape.path.slice(0, shape.path.lastIndexOf('/'));
    const service = services.get(serviceName) ?? { definition: {}, handlers: {} };
    services.set(serviceName, service);
    const { path } = shape;
    service.definition[name] = {
      ...shape,
      requestSerialize: (value: unknown) => real(path).method.requestSerialize(value),
      requestDeserialize: (bytes: Buffer) => real(path).method.requestDeserialize(bytes),
      responseSerialize: (value: unknown) => real(path).method.responseSerialize(value),
      responseDeserialize: (bytes: Buffer) => real(path).method.responseDeserialize(bytes),
    };
    service.handlers[name] = ((...args: unknown[]) =>
      real(path).handler(...args)) as UntypedHandleCall;
  }
  for (const { definition, handlers } of services.values()) server.addService(definition, handlers);
}
