import type { ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import * as path from 'node:path';

// @grpc/grpc-js-xds ships the xDS API protos its client was generated from. Encoding with the very
// same files means what we send is exactly what the client decodes.
const XDS_PACKAGE = path.dirname(require.resolve('@grpc/grpc-js-xds/package.json'));
const INCLUDE_DIRS = [
  'deps/envoy-api', // envoy/...
  'deps/xds', // xds/... and udpa/...
  'deps/googleapis', // google/api, google/rpc
  'deps/protoc-gen-validate', // validate/validate.proto
].map((dir) => path.join(XDS_PACKAGE, dir));

// Every message that travels inside a google.protobuf.Any must be in the same proto root, so that
// proto-loader can encode objects carrying an '@type' key.
const PROTO_FILES = [
  'envoy/service/discovery/v3/ads.proto',
  'envoy/config/listener/v3/listener.proto',
  'envoy/config/route/v3/route.proto',
  'envoy/config/cluster/v3/cluster.proto',
  'envoy/config/endpoint/v3/endpoint.proto',
  'envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto',
  'envoy/extensions/filters/http/router/v3/router.proto',
  'envoy/extensions/filters/http/fault/v3/fault.proto',
];

const ADS_SERVICE = 'envoy.service.discovery.v3.AggregatedDiscoveryService';

const loaded = new Map<boolean, ServiceDefinition>();

/**
 * The ADS service definition (loaded once: parsing the envoy protos takes a few hundred ms).
 * `expandAny`: decode each google.protobuf.Any into its message, with an '@type' key (what a
 * client reading resources wants; the server only encodes, which works either way).
 */
export function adsServiceDefinition(expandAny = false): ServiceDefinition {
  let service = loaded.get(expandAny);
  if (!service) {
    const definition = loadSync(PROTO_FILES, {
      // Field names as in the .proto files (snake_case), like grpc-js-xds's own generated types.
      keepCase: true,
      longs: String,
      enums: String,
      defaults: true,
      oneofs: true,
      json: expandAny,
      includeDirs: INCLUDE_DIRS,
    });
    service = definition[ADS_SERVICE] as unknown as ServiceDefinition;
    loaded.set(expandAny, service);
  }
  return service;
}
