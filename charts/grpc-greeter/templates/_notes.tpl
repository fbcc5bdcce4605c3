{{/*
grpc-greeter.notes: the post-install instructions (NOTES.txt includes this, so tests can render it with
`helm template`, which never prints NOTES.txt itself).
*/}}
{{- define "grpc-greeter.notes" -}}
{{- $ns := .Release.Namespace }}
{{- $target := include "grpc-greeter.clientTarget" . }}
{{- $mesh := eq (include "grpc-greeter.meshEnabled" .) "true" }}
{{- $perRequestMesh := eq (include "grpc-greeter.perRequestMesh" .) "true" }}
{{- $container := ternary (printf " -c %s" .Values.client.name) "" $mesh }}
{{- $expect := include "grpc-greeter.expectOrError" . -}}
grpc-greeter {{ .Chart.AppVersion }} is installed as release {{ .Release.Name }} in namespace {{ $ns }}.
{{- with .Values.scenario.description }}
Scenario: {{ . }}
{{- end }}

Server:  {{ range $i, $v := .Values.server.versions }}{{ if $i }}, {{ end }}{{ $.Values.server.name }}-{{ $v.name }} x{{ $v.replicas }}{{ end }}
Service: {{ .Values.server.name }}:{{ .Values.server.port }} (port {{ .Values.service.portName }}, appProtocol {{ .Values.service.appProtocol }}{{ if .Values.service.headless }}, headless{{ end }})
Mesh:    {{ if .Values.mesh.proxyless }}Istio proxyless gRPC (grpc-agent){{ else if .Values.mesh.sidecar }}Istio sidecar (Envoy){{ else if .Values.mesh.waypoint }}Istio ambient (ztunnel) + waypoint {{ include "grpc-greeter.waypointName" . }} (Envoy, L7){{ else if .Values.mesh.ambient }}Istio ambient (ztunnel, L4 only){{ else }}none{{ end }}
{{- if .Values.routing.enabled }}
{{- $parts := list }}{{ range .Values.server.versions }}{{ if hasKey $.Values.routing.weights .name }}{{ $parts = append $parts (printf "%s=%v" .name (get $.Values.routing.weights .name)) }}{{ end }}{{ end }}
{{- if eq .Values.routing.api "gateway-api" }}
Routing: GRPCRoute grpcroute-{{ .Values.server.name }} on Service {{ .Values.server.name }} ({{ join " " $parts }}), one backend Service per version ({{ .Values.server.name }}-<version>)
{{- else }}
Routing: DestinationRule dr-{{ .Values.server.name }} ({{ .Values.routing.loadBalancer }})
{{- if .Values.routing.weights }}, VirtualService vs-{{ .Values.server.name }} ({{ join " " $parts }}){{ end }}
{{- end }}
{{- if not $perRequestMesh }}
WARNING: routing.enabled without an L7 hop (mesh.sidecar, mesh.proxyless, or mesh.ambient with mesh.waypoint): nothing applies these rules.
{{- end }}
{{- end }}

1. Wait for the pods{{ if .Values.mesh.proxyless }} (READY 2/2: the app plus istio-proxy running only the grpc-agent, no Envoy){{ else if $mesh }} (READY 2/2: the app plus the injected istio-proxy){{ end }}:

   kubectl get pods -n {{ $ns }} -l 'app in ({{ .Values.server.name }},{{ .Values.client.name }})'
{{- if $mesh }}

   On Alibaba Cloud ASM they show 1/1 unless the namespace has the label istio-injection=enabled:
   ASM's default injection policy wants it besides the chart's pod label (upstream Istio injects on
   the pod label alone). Label the namespace and recreate the pods:

   kubectl label namespace {{ $ns }} istio-injection=enabled
   kubectl rollout restart deployment -n {{ $ns }} -l app.kubernetes.io/instance={{ .Release.Name }}
{{- end }}
{{- if .Values.mesh.waypoint }}

   Then wait for the waypoint: istiod routes the Service through it only once its pod is ready
   (until then ztunnel balances connections and the split is one pod):

   kubectl wait --for=condition=Programmed gateway/{{ include "grpc-greeter.waypointName" . }} -n {{ $ns }} --timeout=2m
{{- end }}

2. Send 100 requests from the client pod, as in the tutorial:

   kubectl exec -it -n {{ $ns }} deploy/{{ .Values.client.name }}{{ $container }} -- \
     /bin/greeter-client --insecure=true --address={{ $target }} --repeat=100{{ if ne .Values.client.lbPolicy "pick_first" }} --lb={{ .Values.client.lbPolicy }}{{ end }}{{ with .Values.test.interval }} --interval={{ . }}{{ end }}

   Each line names the pod that answered ("Hello world from {{ .Values.server.name }}-<version>-...").
   What to expect{{ if not (hasPrefix "error: " $expect) }} ({{ $expect }}){{ end }}:
{{- if hasPrefix "error: " $expect }}
   not predictable from these values ({{ trimPrefix "error: " $expect }}).
{{- else if eq $expect "one-pod" }}
   every reply from ONE pod: the client holds one HTTP/2 connection and {{ if .Values.mesh.ambient }}ztunnel{{ else }}kube-proxy{{ end }} balances
   connections, not requests. Which pod it is depends on where that connection landed.
{{- else if eq $expect "many-pods" }}
   replies from more than one pod: the server closes connections after {{ .Values.server.maxConnectionAge }}, the
   client reconnects and lands on other pods. Within one connection's lifetime it is still one pod,
   so if a short run shows a single pod, run it again or raise --repeat.
{{- else }}
   about {{ $expect | replace "=" ": " | replace "," "%, " }}% of replies per version{{ if $perRequestMesh }}, split per request by {{ if .Values.mesh.proxyless }}the gRPC client itself (xDS){{ else if .Values.mesh.waypoint }}the waypoint{{ else }}the Envoy sidecar{{ end }}{{ else }}, split per request by the client's round_robin over every pod IP{{ end }}.
{{- end }}

3. Let the chart check it (runs the client with --expect {{ $expect }} and --tolerance={{ .Values.test.tolerance }}):

{{- if .Values.test.enabled }}

   helm test {{ .Release.Name }} -n {{ $ns }}

   Helm >= 3.18.0 prints the test pod's logs (every container) when it ends, pass or fail; a
   failed pod is kept: kubectl logs -n {{ $ns }} {{ include "grpc-greeter.fullname" . }}-test-split -c greeter-client
{{- else }}

   (test.enabled is false: no helm test pod in this release)
{{- end }}
{{- end -}}
