{{/*
grpc-greeter.probes: readiness and liveness of the server container, for probes.mode.
Readiness runs every 2 s and needs 2 failures, so a draining server (NOT_SERVING) leaves the
endpoints within about 4 s, inside the default 5 s drain, while one slow run never flips it.
grpc: the kubelet's own gRPC client, nothing starts in the container, so a 1 s timeout holds.
exec: the tutorial's /bin/grpc_health_probe, a Node process started per run inside the server's
container and sharing its CPU limit (see apps/health-probe/README.md for its measured start-up
cost). The kubelet waits 5 s: start-up plus the probe's own 1 s connect and 1 s RPC deadlines,
with room for CPU throttling, instead of killing it at the default 1 s and counting a failure.
*/}}
{{- define "grpc-greeter.probes" -}}
{{- $port := int .Values.server.port -}}
{{- $exec := eq .Values.probes.mode "exec" -}}
{{- range list "readinessProbe" "livenessProbe" }}
{{ . }}:
  {{- if $exec }}
  exec:
    command:
      - /bin/grpc_health_probe
      - -addr=:{{ $port }}
  {{- else }}
  grpc:
    port: {{ $port }}
  {{- end }}
  initialDelaySeconds: 2
  periodSeconds: {{ ternary 2 10 (eq . "readinessProbe") }}
  timeoutSeconds: {{ ternary 5 1 $exec }}
  failureThreshold: {{ ternary 2 3 (eq . "readinessProbe") }}
{{- end }}
{{- end -}}
