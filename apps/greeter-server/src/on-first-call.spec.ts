import type { MethodDefinition, Server, ServiceDefinition } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';
import { helloworldPackageDefinition } from '@grpc-greeter/proto';
import { HEALTH_METHODS } from './health';
import { addOnFirstCall, type MethodShape, type Registrar } from './on-first-call';
import { REFLECTION_METHODS } from './reflection';

/** The services a library's addToServer registers, as path → how the method streams. */
function shapesOf(addToServer: (server: Server) => void): MethodShape[] {
  const shapes: MethodShape[] = [];
  const registrar: Registrar = {
    addService: (definition: ServiceDefinition) =>
      Object.values(definition).forEach(({ path, requestStream, responseStream }) =>
        shapes.push({ path, requestStream, responseStream }),
      ),
  };
  addToServer(registrar as Server);
  return shapes.sort((a, b) => a.path.localeCompare(b.path));
}

const sorted = (methods: Record<string, MethodShape>) =>
  Object.values(methods).sort((a, b) => a.path.localeCompare(b.path));

describe('services added on their first call', () => {
  it('declare exactly the methods grpc-health-check and @grpc/reflection register', () => {
    expect(sorted(HEALTH_METHODS)).toEqual(
      shapesOf((server) => new HealthImplementation().addToServer(server)),
    );
    expect(sorted(REFLECTION_METHODS)).toEqual(
      shapesOf((server) =>
        new ReflectionService(helloworldPackageDefinition()).addToServer(server),
      ),
    );
  });

  it('register nothing of the library until a method is used, then the library once', () => {
    let added: ServiceDefinition | undefined;
    let handlers: Record<string, (...args: unknown[]) => void> = {};
    const server = {
      addService: (definition: ServiceDefinition, implementation: typeof handlers) => {
        added = definition;
        handlers = implementation;
      },
    } as unknown as Server;
    const register = jest.fn((registrar: Registrar) =>
      new HealthImplementation({ '': 'SERVING' }).addToServer(registrar as Server),
    );
    addOnFirstCall(server, HEALTH_METHODS, register);
    expect(register).not.toHaveBeenCalled();
    expect(
      Object.values(added ?? {}).map((m: MethodDefinition<unknown, unknown>) => m.path),
    ).toEqual(Object.values(HEALTH_METHODS).map((m) => m.path));

    // A Check as grpc-js runs it: deserialize the request, call the handler, serialize the reply.
    const check = added?.Check;
    if (!check) throw new Error('no Check registered');
    const request = check.requestDeserialize(check.requestSerialize({ service: '' }));
    let reply: Buffer = Buffer.alloc(0);
    handlers.Check({ request }, (error: unknown, value: unknown) => {
      expect(error).toBeNull();
      reply = check.responseSerialize(value);
    });
    expect(check.responseDeserialize(reply)).toEqual({ status: 'SERVING' });
    expect(register).toHaveBeenCalledTimes(1);
  });
});
