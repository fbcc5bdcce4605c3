// Two pieces of gRPC's HTTP/2 mapping (PROTOCOL-HTTP2.md) the forwarder needs and grpc-js keeps
// internal: the grpc-timeout header, and grpc-message's percent-encoding.

const TIMEOUT_UNIT_MS: Record<string, number> = {
  H: 3_600_000,
  M: 60_000,
  S: 1000,
  m: 1,
  u: 1e-3,
  n: 1e-6,
};

/** The call's deadline from a `grpc-timeout` header ("100m", "5S"), undefined without one. */
export function grpcDeadline(header: string | string[] | undefined): Date | undefined {
  const match = typeof header === 'string' ? /^(\d{1,8})([HMSmun])$/.exec(header) : null;
  if (!match) return undefined;
  return new Date(Date.now() + Number(match[1]) * TIMEOUT_UNIT_MS[match[2]]);
}

/** grpc-message's encoding: printable ASCII other than '%' as is, every other byte as %XX. */
export function percentEncode(message: string): string {
  let encoded = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    encoded +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
