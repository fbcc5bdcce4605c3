// Istio's host names: a short name in a rule means <name>.<rule's namespace>.svc.cluster.local.
export const CLUSTER_DOMAIN = 'cluster.local';

export function serviceFqdn(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** The FQDN a host in an Istio or Gateway API object in `namespace` stands for. */
export function resolveHost(host: string, namespace: string): string {
  const parts = host.split('.');
  if (parts.length === 1) return serviceFqdn(host, namespace);
  if (parts.length === 2) return serviceFqdn(parts[0], parts[1]);
  if (parts.length === 3 && parts[2] === 'svc') return serviceFqdn(parts[0], parts[1]);
  return host;
}

/** The host a gRPC target names: `dns:///a:8080`, `xds:///a.ns.svc.cluster.local:8080`, `a:8080`. */
export function targetHost(target: string): { host: string; port?: number } {
  const withoutScheme = target.replace(/^(dns|xds|ipv4|ipv6|passthrough):(\/\/[^/]*\/)?/, '');
  const match = /^(.*?)(?::(\d+))?$/.exec(withoutScheme) as RegExpExecArray;
  return { host: match[1], port: match[2] === undefined ? undefined : Number(match[2]) };
}
