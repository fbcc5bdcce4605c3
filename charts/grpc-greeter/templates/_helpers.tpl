{{/* grpc-greeter.name: the chart name (no nameOverride: the tutorial's object names come from values). */}}
{{- define "grpc-greeter.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* grpc-greeter.fullname: release-scoped name for objects that are not the tutorial's (the helm test pod). */}}
{{- define "grpc-greeter.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* grpc-greeter.chart: name-version for the helm.sh/chart label. */}}
{{- define "grpc-greeter.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
grpc-greeter.selectorLabels: the tutorial's selector, `app` and (for servers) `version`.
Call with (dict "app" <name> "version" <version or "">). Services select on `app` alone so one
Service spans every version; Deployments add `version` so each owns its own pods.
*/}}
{{- define "grpc-greeter.selectorLabels" -}}
app: {{ .app | quote }}
{{- if .version }}
version: {{ .version | quote }}
{{- end }}
{{- end -}}

{{/*
grpc-greeter.labels: selector labels plus the app.kubernetes.io/* and helm.sh/chart set.
Call with (dict "ctx" $ "app" <name> "version" <version or ""> "component" <server|client|test>).
*/}}
{{- define "grpc-greeter.labels" -}}
{{ include "grpc-greeter.selectorLabels" . }}
app.kubernetes.io/name: {{ include "grpc-greeter.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name | quote }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/component: {{ .component | quote }}
app.kubernetes.io/part-of: grpc-greeter-mesh
app.kubernetes.io/managed-by: {{ .ctx.Release.Service | quote }}
helm.sh/chart: {{ include "grpc-greeter.chart" .ctx }}
{{- end -}}

{{/* grpc-greeter.meshEnabled: "true" when Istio injects anything (Envoy sidecar or proxyless grpc-agent), else "". */}}
{{- define "grpc-greeter.meshEnabled" -}}
{{- if or .Values.mesh.sidecar .Values.mesh.proxyless -}}true{{- end -}}
{{- end -}}

{{/*
grpc-greeter.podMeshLabels: the injection label every pod carries. Proxyless also needs injection
(of the grpc-agent template instead of Envoy), so it counts as "true". Ambient is a pod label, not
a namespace one, because the chart does not own the namespace: istio-cni's default enablement
selector matches istio.io/dataplane-mode=ambient on the pod alone.
*/}}
{{- define "grpc-greeter.podMeshLabels" -}}
sidecar.istio.io/inject: {{ ternary "true" "false" (eq (include "grpc-greeter.meshEnabled" .) "true") | quote }}
{{- if .Values.mesh.ambient }}
istio.io/dataplane-mode: ambient
{{- end }}
{{- end -}}

{{/* grpc-greeter.perRequestMesh: "true" when a mesh hop balances each request (sidecar, proxyless, or ambient with a waypoint), else "". */}}
{{- define "grpc-greeter.perRequestMesh" -}}
{{- if or (eq (include "grpc-greeter.meshEnabled" .) "true") (and .Values.mesh.ambient .Values.mesh.waypoint) -}}true{{- end -}}
{{- end -}}

{{/* grpc-greeter.waypointName: the waypoint Gateway, named for the server because the chart does not own the namespace's default waypoint. */}}
{{- define "grpc-greeter.waypointName" -}}
{{- printf "%s-waypoint" .Values.server.name -}}
{{- end -}}

{{/* grpc-greeter.servicePorts: the server port as every Service of the chart exposes it. */}}
{{- define "grpc-greeter.servicePorts" -}}
# Istio picks the protocol from appProtocol (then from a "grpc" name prefix); a plain TCP port
# is balanced per connection, which for gRPC means one pod.
- name: {{ .Values.service.portName }}
  appProtocol: {{ .Values.service.appProtocol }}
  port: {{ int .Values.server.port }}
  targetPort: grpc
  protocol: TCP
{{- end -}}

{{/*
grpc-greeter.podMeshAnnotations: pod annotations for the mesh mode. Call with (dict "ctx" $ "hold" <bool>);
hold asks the agent to start before the app, so the first RPC does not race the proxy.
*/}}
{{- define "grpc-greeter.podMeshAnnotations" -}}
{{- if .ctx.Values.mesh.proxyless }}
inject.istio.io/templates: grpc-agent
{{- end }}
{{- if and .hold (eq (include "grpc-greeter.meshEnabled" .ctx) "true") }}
proxy.istio.io/config: '{"holdApplicationUntilProxyStarts": true}'
{{- end }}
{{- end -}}

{{/* grpc-greeter.image: repository:tag, the tag defaulting to the chart's appVersion. Call with (dict "ctx" $ "image" <image values>). */}}
{{- define "grpc-greeter.image" -}}
{{- printf "%s:%s" .image.repository (default .ctx.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{/* grpc-greeter.serverHost: the Service FQDN in the release namespace (what xDS clients name). */}}
{{- define "grpc-greeter.serverHost" -}}
{{- printf "%s.%s.svc.cluster.local" .Values.server.name .Release.Namespace -}}
{{- end -}}

{{/* grpc-greeter.clientTarget: what the client dials: client.target, else xds:///<fqdn>:<port> when proxyless, else <server.name>:<port>. */}}
{{- define "grpc-greeter.clientTarget" -}}
{{- if .Values.client.target -}}
{{- .Values.client.target -}}
{{- else if .Values.mesh.proxyless -}}
{{- printf "xds:///%s:%d" (include "grpc-greeter.serverHost" .) (int .Values.server.port) -}}
{{- else -}}
{{- printf "%s:%d" .Values.server.name (int .Values.server.port) -}}
{{- end -}}
{{- end -}}

{{/* grpc-greeter.istioApiVersion: routing.istioApiVersion, else networking.istio.io/v1 if the cluster serves it, else v1beta1. */}}
{{- define "grpc-greeter.istioApiVersion" -}}
{{- if .Values.routing.istioApiVersion -}}
{{- .Values.routing.istioApiVersion -}}
{{- else if .Capabilities.APIVersions.Has "networking.istio.io/v1" -}}
networking.istio.io/v1
{{- else -}}
networking.istio.io/v1beta1
{{- end -}}
{{- end -}}

{{/* grpc-greeter.maxConnectionAgeOn: "true" when server.maxConnectionAge is set to something other than "" or "0" (both mean off). */}}
{{- define "grpc-greeter.maxConnectionAgeOn" -}}
{{- if and .Values.server.maxConnectionAge (ne .Values.server.maxConnectionAge "0") -}}true{{- end -}}
{{- end -}}

{{/* grpc-greeter.terminationGrace: drain + shutdown timeout + 5 s margin, so the kubelet never SIGKILLs a draining server. */}}
{{- define "grpc-greeter.terminationGrace" -}}
{{- add (int .Values.server.drainSeconds) (int .Values.server.shutdownTimeoutSeconds) 5 -}}
{{- end -}}

{{/* grpc-greeter.podSecurityContext: non-root, fixed UID/GID matching the images, seccomp RuntimeDefault. */}}
{{- define "grpc-greeter.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* grpc-greeter.containerSecurityContext: read-only root fs, no privilege escalation, every capability dropped. */}}
{{- define "grpc-greeter.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
grpc-greeter.validate: the rules values.schema.json cannot express. Each `fail` names the key.
Rendered (to nothing) from every template so any install or template run checks them.
*/}}
{{- define "grpc-greeter.validate" -}}
{{- $versions := list -}}
{{- range .Values.server.versions -}}
{{- if has .name $versions -}}
{{- fail (printf "server.versions: duplicate version name %q" .name) -}}
{{- end -}}
{{- $versions = append $versions .name -}}
{{- end -}}
{{- $weights := .Values.routing.weights | default dict -}}
{{- if $weights -}}
{{- if not .Values.routing.enabled -}}
{{- fail "routing.weights needs routing.enabled=true: the VirtualService routes to DestinationRule subsets" -}}
{{- end -}}
{{- $sum := 0 -}}
{{- range $name, $weight := $weights -}}
{{- if not (has $name $versions) -}}
{{- fail (printf "routing.weights.%s: no such version in server.versions (have %s)" $name (join ", " $versions)) -}}
{{- end -}}
{{- $sum = add $sum (int $weight) -}}
{{- end -}}
{{- if ne (int $sum) 100 -}}
{{- fail (printf "routing.weights must sum to 100, got %d" (int $sum)) -}}
{{- end -}}
{{- end -}}
{{- include "grpc-greeter.validateMeshModes" . -}}
{{- if .Values.test.enabled -}}
{{- $_ := include "grpc-greeter.expect" . -}}
{{- end -}}
{{- end -}}

{{/* grpc-greeter.validateMeshModes: the combinations of mesh modes and routing APIs that cannot work. */}}
{{- define "grpc-greeter.validateMeshModes" -}}
{{- range list "sidecar" "proxyless" -}}
{{- if and $.Values.mesh.ambient (get $.Values.mesh .) -}}
{{- fail (printf "mesh.ambient and mesh.%s cannot both be true: Istio does not enrol a pod with an injected istio-proxy in ambient mode" .) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.mesh.waypoint (not .Values.mesh.ambient) -}}
{{- fail "mesh.waypoint needs mesh.ambient=true: only ztunnel sends a Service's traffic to its waypoint" -}}
{{- end -}}
{{- if and .Values.routing.enabled (eq .Values.routing.api "gateway-api") (not .Values.routing.weights) -}}
{{- fail "routing.api=gateway-api needs routing.weights: the GRPCRoute splits traffic by weighted backendRefs, one per version" -}}
{{- end -}}
{{- end -}}

{{/*
grpc-greeter.expectOrError: the split `helm test` asserts, or "error: <message naming the key>".
test.expect when set (version names and sum checked); else derived: routing.weights when a mesh
hop applies them per request (sidecar, proxyless, ambient + waypoint); per-version replica shares
when something balances per request (such a mesh without weights, or a headless Service +
round_robin); many-pods when maxConnectionAge forces reconnects; one-pod otherwise (one HTTP/2
connection lands on one pod, through kube-proxy and through ambient's ztunnel alike: both are L4).
*/}}
{{- define "grpc-greeter.expectOrError" -}}
{{- $versions := list -}}
{{- $total := 0 -}}
{{- range .Values.server.versions -}}
{{- $versions = append $versions .name -}}
{{- $total = add $total (int .replicas) -}}
{{- end -}}
{{- $mesh := eq (include "grpc-greeter.perRequestMesh" .) "true" -}}
{{- $weights := .Values.routing.weights | default dict -}}
{{- $perRequest := or $mesh (and .Values.service.headless (eq .Values.client.lbPolicy "round_robin")) -}}
{{- if .Values.test.expect -}}
{{- $problem := "" -}}
{{- if not (has .Values.test.expect (list "one-pod" "many-pods")) -}}
{{- $sum := 0 -}}
{{- range (splitList "," .Values.test.expect) -}}
{{- $pair := splitList "=" . -}}
{{- if and (not $problem) (not (has (first $pair) $versions)) -}}
{{- $problem = printf "error: test.expect: %q names no version in server.versions (have %s)" (first $pair) (join ", " $versions) -}}
{{- end -}}
{{- $sum = add $sum (atoi (last $pair)) -}}
{{- end -}}
{{- if and (not $problem) (ne (int $sum) 100) -}}
{{- $problem = printf "error: test.expect percentages must sum to 100, got %d" (int $sum) -}}
{{- end -}}
{{- end -}}
{{- default .Values.test.expect $problem -}}
{{- else if and $mesh .Values.routing.enabled $weights -}}
{{- $parts := list -}}
{{- range $versions -}}
{{- $parts = append $parts (printf "%s=%d" . (int (get $weights .))) -}}
{{- end -}}
{{- join "," $parts -}}
{{- else if and $perRequest $mesh .Values.routing.enabled (eq .Values.routing.api "istio") (eq .Values.routing.loadBalancer "PASSTHROUGH") -}}
error: test.expect cannot be derived: routing.loadBalancer PASSTHROUGH leaves the split to kube-proxy; set test.expect
{{- else if and $perRequest (eq (int $total) 0) -}}
error: test.expect cannot be derived: server.versions have 0 replicas in total; set test.expect or add replicas
{{- else if $perRequest -}}
{{- $parts := list -}}
{{- $given := 0 -}}
{{- range $i, $v := .Values.server.versions -}}
{{- $share := div (mul 100 (int $v.replicas)) (int $total) -}}
{{- if eq (add1 $i) (len $versions) -}}
{{- $share = sub 100 $given -}}
{{- end -}}
{{- $given = add $given $share -}}
{{- $parts = append $parts (printf "%s=%d" $v.name (int $share)) -}}
{{- end -}}
{{- join "," $parts -}}
{{- else if eq (include "grpc-greeter.maxConnectionAgeOn" .) "true" -}}
{{- if lt (int $total) 2 -}}
error: test.expect cannot be derived: server.maxConnectionAge can only spread connections over 2+ replicas; set test.expect
{{- else -}}
many-pods
{{- end -}}
{{- else -}}
one-pod
{{- end -}}
{{- end -}}

{{/* grpc-greeter.expect: grpc-greeter.expectOrError, failing the render on an error. */}}
{{- define "grpc-greeter.expect" -}}
{{- $expect := include "grpc-greeter.expectOrError" . -}}
{{- if hasPrefix "error: " $expect -}}
{{- fail (trimPrefix "error: " $expect) -}}
{{- end -}}
{{- $expect -}}
{{- end -}}
