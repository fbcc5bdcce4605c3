// The few shapes of Kubernetes objects the lab reads, typed loosely on purpose: rendered YAML is
// checked against real schemas by the chart tests; here only the fields the lab runs on matter.

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: unknown;
  [field: string]: unknown;
}

/** `Deployment/istio-grpc-server-v1`, the way kubectl names an object. */
export function objectName(object: K8sObject): string {
  return `${object.kind ?? '?'}/${object.metadata?.name ?? '?'}`;
}

/** A label selector's matchLabels (or a Service's plain selector) against a set of labels. */
export function selects(
  selector: Readonly<Record<string, string>> | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asStringMap(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(asRecord(value)).map(([key, v]) => [key, String(v)] as const),
  );
}
