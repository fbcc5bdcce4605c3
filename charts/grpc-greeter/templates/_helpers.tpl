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

{{/* grpc-greeter.serviceAccountName: serviceAccount.name, else the release fullname when the chart creates one, else "" (the namespace's default). */}}
{{- define "grpc-greeter.serviceAccountName" -}}
{{- if .Values.serviceAccount.name -}}
{{- .Values.serviceAccount.name -}}
{{- else if .Values.serviceAccount.create -}}
{{- include "grpc-greeter.fullname" . -}}
{{- end -}}
{{- end -}}
