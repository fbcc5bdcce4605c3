import { makeGenericClientConstructor, type ServiceDefinition } from '@grpc/grpc-js';
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

/**
 * grpc.health.v1.Health/Check for a client, without loading health.proto at start-up. The kubelet
 * starts one probe process per exec probe run: grpc-health-check's service definition parses the
 * .proto with protobufjs first, which was about a third of the probe's CPU time (README.md).
 * Both messages have one field: HealthCheckRequest.service = 1, HealthCheckResponse.status = 1.
 */
export const ServingStatus = {
  UNKNOWN: 0,
  SERVING: 1,
  NOT_SERVING: 2,
  SERVICE_UNKNOWN: 3,
} as const;

export interface HealthCheckRequest {
  service: string;
}

export interface HealthCheckResponse {
  status: number;
}

const SERVICE_FIELD = 1;
const STATUS_FIELD = 1;

function encodeRequest(request: HealthCheckRequest): Buffer {
  const writer = new BinaryWriter();
  if (request.service) writer.tag(SERVICE_FIELD, WireType.LengthDelimited).string(request.service);
  return Buffer.from(writer.finish());
}

function decodeResponse(bytes: Buffer): HealthCheckResponse {
  const reader = new BinaryReader(bytes);
  let status: number = ServingStatus.UNKNOWN;
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === STATUS_FIELD && wireType === WireType.Varint) status = reader.int32();
    else reader.skip(wireType);
  }
  return { status };
}

// The server-side halves are never called: this definition only builds a client.
const serverSideOnly = (): never => {
  throw new Error('grpc.health.v1.Health: client-only definition');
};

const definition: ServiceDefinition = {
  Check: {
    path: '/grpc.health.v1.Health/Check',
    requestStream: false,
    responseStream: false,
    requestSerialize: encodeRequest,
    requestDeserialize: serverSideOnly,
    responseSerialize: serverSideOnly,
    responseDeserialize: decodeResponse,
  },
};

export const HealthClient = makeGenericClientConstructor(definition, 'grpc.health.v1.Health');

/** The status name the probe prints, as grpc_health_probe does ("NOT_SERVING"). */
export function statusName(status: number): string {
  const hit = Object.entries(ServingStatus).find(([, value]) => value === status);
  return hit ? hit[0] : String(status);
}
