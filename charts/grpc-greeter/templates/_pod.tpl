{{/*
Pod metadata and scheduling shared by the three kinds of pod the chart runs. Every helper here is
called with (dict "ctx" $ "component" <server|client|test> "version" <server version, or "">);
the component names the values block (.Values.server, .Values.client, .Values.test) whose
podLabels, podAnnotations, nodeSelector, tolerations and affinity apply.
*/}}

{{/* grpc-greeter.podApp: the pods' `app` label: server.name, client.name, or <client.name>-test. */}}
{{- define "grpc-greeter.podApp" -}}
{{- if eq .component "server" -}}
{{- .ctx.Values.server.name -}}
{{- else if eq .component "client" -}}
{{- .ctx.Values.client.name -}}
{{- else -}}
{{- printf "%s-test" .ctx.Values.client.name -}}
{{- end -}}
{{- end -}}

{{/*
grpc-greeter.chartPodLabels: the labels the chart itself sets on the pods (podLabels may not
override them). Istio's injector takes the canonical service and revision from
service.istio.io/canonical-name/-revision before app.kubernetes.io/name/version, which are the
chart's name and appVersion on every pod; without these two, Istio and Kiali would see v1, v2,
the client and the test pod as one workload "grpc-greeter 0.1.0". The injection label is set on
every pod; proxyless needs injection too (of the grpc-agent template instead of Envoy).
*/}}
{{- define "grpc-greeter.chartPodLabels" -}}
{{- $app := include "grpc-greeter.podApp" . -}}
{{ include "grpc-greeter.labels" (dict "ctx" .ctx "app" $app "version" .version "component" .component) }}
service.istio.io/canonical-name: {{ $app | quote }}
service.istio.io/canonical-revision: {{ default .ctx.Chart.AppVersion .version | quote }}
sidecar.istio.io/inject: {{ ternary "true" "false" (eq (include "grpc-greeter.meshEnabled" .ctx) "true") | quote }}
{{- if .ctx.Values.mesh.ambient }}
{{/* A pod label, not a namespace one, because the chart does not own the namespace: istio-cni's default enablement selector matches istio.io/dataplane-mode=ambient on the pod alone. */}}
istio.io/dataplane-mode: ambient
{{- end }}
{{- end -}}

{{/*
grpc-greeter.chartPodAnnotations: the annotations the chart itself sets (podAnnotations may not
override them). The test pod is a helm test hook whose logs helm prints (hook-output-log-policy,
helm >= 3.18.0) before deleting a passed pod, so `helm test` needs no `--logs`; a failed pod is
kept for `kubectl logs` and replaced by the next run. Server and test
pods hold the app until the proxy/agent is up, so the first RPC does not race it; the client
only sleeps until someone execs into it.
*/}}
{{- define "grpc-greeter.chartPodAnnotations" -}}
{{- if eq .component "test" }}
helm.sh/hook: test
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
helm.sh/hook-output-log-policy: hook-succeeded,hook-failed
{{- end }}
{{- if .ctx.Values.mesh.proxyless }}
inject.istio.io/templates: grpc-agent
{{- end }}
{{- if and (ne .component "client") (eq (include "grpc-greeter.meshEnabled" .ctx) "true") }}
proxy.istio.io/config: '{"holdApplicationUntilProxyStarts": true}'
{{- end }}
{{- end -}}

{{/* grpc-greeter.podMetadata: labels and annotations of a pod: the chart's, then the component's podLabels/podAnnotations. */}}
{{- define "grpc-greeter.podMetadata" -}}
{{- $values := index .ctx.Values .component -}}
{{- $annotations := include "grpc-greeter.chartPodAnnotations" . | trim -}}
labels:
  {{- include "grpc-greeter.chartPodLabels" . | nindent 2 }}
  {{- with $values.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- if or $annotations $values.podAnnotations }}
annotations:
  {{- with $annotations }}
  {{- . | nindent 2 }}
  {{- end }}
  {{- with $values.podAnnotations }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end }}
{{- end -}}

{{/*
grpc-greeter.podSpecCommon: the pod spec fields every pod shares: service account (its token is
never mounted: the apps do not call the Kubernetes API, and Istio mounts its own token for the
proxy), pull secrets, security context, and the component's placement.
*/}}
{{- define "grpc-greeter.podSpecCommon" -}}
{{- $values := index .ctx.Values .component -}}
{{- with include "grpc-greeter.serviceAccountName" .ctx }}
serviceAccountName: {{ . }}
{{- end }}
automountServiceAccountToken: false
{{- with .ctx.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- include "grpc-greeter.podSecurityContext" .ctx | nindent 2 }}
{{- with $values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
