import { isIP } from 'node:net';
import { xdsTarget } from '@grpc-greeter/istio-control-plane';

/** Where a CONNECT goes: a Service through xDS, or straight to an address (Envoy's PassthroughCluster). */
export type Destination =
  { kind: 'xds'; target: string } | { kind: 'passthrough'; host: string; port: number };

// The names of a Service the pod's resolv.conf search list turns into its FQDN
// (<ns>.svc.cluster.local, svc.cluster.local, cluster.local): `svc`, `svc.ns`, `svc.ns.svc` and
// `svc.ns.svc.cluster.local` all name Service `svc` of namespace `ns`.
const SERVICE_NAME = /^([a-z0-9-]+)(?:\.([a-z0-9-]+)(?:\.svc(?:\.cluster\.local)?)?)?\.?$/i;

/** `host:port` of a CONNECT request line → its destination, names taken as the pod's namespace would. */
export function destinationOf(authority: string, podNamespace: string): Destination | undefined {
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(authority);
  if (!match) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  const host = match[1].replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) return { kind: 'passthrough', host, port };
  const service = SERVICE_NAME.exec(host);
  // Anything else (example.com.au, a ServiceEntry host) goes out as the app named it.
  if (!service) return { kind: 'passthrough', host, port };
  return {
    kind: 'xds',
    target: xdsTarget(service[1].toLowerCase(), (service[2] ?? podNamespace).toLowerCase(), port),
  };
}
