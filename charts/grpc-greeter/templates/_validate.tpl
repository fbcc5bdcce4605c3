{{/*
grpc-greeter.validate: every rule values.schema.json cannot express, and the only place in the
chart that calls `fail`; each message starts with the key it is about. templates/validate.yaml
renders it (to nothing), so every install, upgrade, lint and template run checks them, and helm
reports the error there, not at whichever template it happened to render first.
*/}}
{{- define "grpc-greeter.validate" -}}
{{- if and .Values.mesh.sidecar .Values.mesh.proxyless -}}
{{- fail "mesh.sidecar and mesh.proxyless are both true: choose one (proxyless injects the grpc-agent instead of the Envoy sidecar)" -}}
{{- end -}}
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
{{- $retries := .Values.routing.retries | default dict -}}
{{- if and (or $retries .Values.routing.fault) (or (not .Values.routing.enabled) (ne .Values.routing.api "istio")) -}}
{{- fail "routing.retries and routing.fault are VirtualService fields: they need routing.enabled=true and routing.api=istio" -}}
{{- end -}}
{{- include "grpc-greeter.validatePodMetadata" (dict "ctx" . "component" "server" "version" (first $versions)) -}}
{{- include "grpc-greeter.validatePodMetadata" (dict "ctx" . "component" "client" "version" "") -}}
{{- include "grpc-greeter.validateMeshModes" . -}}
{{- if .Values.test.enabled -}}
{{- include "grpc-greeter.validatePodMetadata" (dict "ctx" . "component" "test" "version" "") -}}
{{- $expect := include "grpc-greeter.expectOrError" . -}}
{{- if hasPrefix "error: " $expect -}}
{{- fail (trimPrefix "error: " $expect) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
grpc-greeter.validatePodMetadata: a component's podLabels/podAnnotations may add keys, never
replace the chart's own (a replaced `app` or `version` would break the Service, the Deployment
selector or the DestinationRule subsets; a replaced hook or mesh annotation, helm test or Istio).
*/}}
{{- define "grpc-greeter.validatePodMetadata" -}}
{{- $values := index .ctx.Values .component -}}
{{- $own := dict
  "podLabels" (include "grpc-greeter.chartPodLabels" . | fromYaml)
  "podAnnotations" (include "grpc-greeter.chartPodAnnotations" . | fromYaml | default dict) -}}
{{- range $field := list "podLabels" "podAnnotations" -}}
{{- range $key, $_ := index $values $field -}}
{{- if hasKey (index $own $field) $key -}}
{{- fail (printf "%s.%s.%s: set by the chart itself; add a key of your own instead" $.component $field $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* grpc-greeter.validateMeshModes: the combinations of mesh modes and routing APIs that cannot work. */}}
{{- define "grpc-greeter.validateMeshModes" -}}
{{- range list "sidecar" "proxyless" -}}
{{- if and $.Values.mesh.ambient (get $.Values.mesh .) -}}
{{- fail (printf "mesh.ambient and mesh.%s cannot both be true: Istio does not enrol a pod with an injected istio-proxy in ambient mode" .) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.mesh.proxyless .Values.routing.enabled (eq .Values.routing.api "istio") (eq .Values.routing.loadBalancer "LEAST_REQUEST") -}}
{{- fail "routing.loadBalancer LEAST_REQUEST with mesh.proxyless: Istio sends it as the Cluster's lb_policy, which proxyless gRPC clients such as grpc-js-xds reject (no call succeeds); use ROUND_ROBIN or RANDOM, or mesh.sidecar (Envoy supports it)" -}}
{{- end -}}
{{- if and .Values.mesh.waypoint (not .Values.mesh.ambient) -}}
{{- fail "mesh.waypoint needs mesh.ambient=true: only ztunnel sends a Service's traffic to its waypoint" -}}
{{- end -}}
{{- if and .Values.service.headless .Values.mesh.sidecar -}}
{{- fail "service.headless with mesh.sidecar: Istio does not balance a headless Service (its cluster is ORIGINAL_DST: each call goes to the pod IP the client resolved), so DestinationRule subsets, VirtualService or GRPCRoute weights and ROUND_ROBIN have no effect; set service.headless=false" -}}
{{- end -}}
{{- if and .Values.service.headless .Values.mesh.waypoint -}}
{{- fail "service.headless with mesh.waypoint: a headless Service has no cluster IP, so clients reach its pods directly and ztunnel never sends that traffic to the Service's waypoint (no weights); set service.headless=false" -}}
{{- end -}}
{{- if and .Values.routing.enabled (eq .Values.routing.api "gateway-api") .Values.routing.consistentHash.httpHeaderName -}}
{{- fail "routing.consistentHash with routing.api=gateway-api: a GRPCRoute has no consistent hashing; use routing.api=istio (the DestinationRule carries it)" -}}
{{- end -}}
{{- if and .Values.routing.enabled (eq .Values.routing.api "gateway-api") (not .Values.routing.weights) -}}
{{- fail "routing.api=gateway-api needs routing.weights: the GRPCRoute splits traffic by weighted backendRefs, one per version" -}}
{{- end -}}
{{- end -}}
