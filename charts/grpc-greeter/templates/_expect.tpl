{{/*
grpc-greeter.expectOrError: the split `helm test` asserts, or "error: <message naming the key>".
test.expect when set (version names and sum checked); else derived: routing.weights when a mesh
hop applies them per request (sidecar, proxyless, ambient + waypoint); sticky when such a hop
hashes on routing.consistentHash.httpHeaderName (each header value on one pod); per-version replica shares
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
{{- $perRequest := eq (include "grpc-greeter.perRequest" .) "true" -}}
{{- if .Values.test.expect -}}
{{- $problem := "" -}}
{{- if not (has .Values.test.expect (list "one-pod" "many-pods" "sticky")) -}}
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
{{- else if and $mesh .Values.routing.enabled (eq .Values.routing.api "istio") .Values.routing.consistentHash.httpHeaderName -}}
{{- $header := .Values.routing.consistentHash.httpHeaderName -}}
{{- if lt (len (get .Values.test.headers $header | default list)) 2 -}}
error: test.expect cannot be derived: routing.consistentHash.httpHeaderName {{ $header }} needs test.headers.{{ $header }} with 2+ values to show each sticking to one pod; set them or test.expect
{{- else -}}
sticky
{{- end -}}
{{- else if and $perRequest $mesh .Values.routing.enabled (eq .Values.routing.api "istio") (eq .Values.routing.loadBalancer "PASSTHROUGH") -}}
error: test.expect cannot be derived: routing.loadBalancer PASSTHROUGH leaves the split to kube-proxy; set test.expect
{{- else if and $perRequest (eq (int $total) 0) -}}
error: test.expect cannot be derived: server.versions have 0 replicas in total; set test.expect or add replicas
{{- else if and $perRequest (eq (int (include "grpc-greeter.answeringReplicas" .)) 0) -}}
error: test.expect cannot be derived: every replica has failureRate 1, so no call succeeds; set test.expect
{{- else if $perRequest -}}
{{- $parts := list -}}
{{- $given := 0 -}}
{{- $answering := int (include "grpc-greeter.answeringReplicas" .) -}}
{{- range $i, $v := .Values.server.versions -}}
{{- $share := div (mul 100 (include "grpc-greeter.answering" $v)) $answering -}}
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

{{/* grpc-greeter.perRequest: "true" when something balances each call (a mesh hop, or a headless Service + round_robin). */}}
{{- define "grpc-greeter.perRequest" -}}
{{- or (eq (include "grpc-greeter.perRequestMesh" .) "true") (and .Values.service.headless (eq .Values.client.lbPolicy "round_robin")) -}}
{{- end -}}

{{/* grpc-greeter.answering: a server.versions entry's replicas × the percent of calls they answer (failureRate off). */}}
{{- define "grpc-greeter.answering" -}}
{{- mul (int .replicas) (sub 100 (int (round (mulf (.failureRate | default 0) 100) 0))) -}}
{{- end -}}

{{/* grpc-greeter.answeringReplicas: grpc-greeter.answering summed over server.versions. */}}
{{- define "grpc-greeter.answeringReplicas" -}}
{{- $sum := 0 -}}
{{- range .Values.server.versions -}}
{{- $sum = add $sum (include "grpc-greeter.answering" .) -}}
{{- end -}}
{{- $sum -}}
{{- end -}}

{{/*
grpc-greeter.meshFault: routing.fault when a mesh hop in front of the client applies the
VirtualService (Envoy, or the proxyless client: gRFC A33), else {}: the calls it faults.
*/}}
{{- define "grpc-greeter.meshFault" -}}
{{- $r := .Values.routing -}}
{{- if and (eq (include "grpc-greeter.perRequestMesh" .) "true") $r.enabled (eq $r.api "istio") -}}
{{- toYaml $r.fault -}}
{{- else -}}
{{- toYaml dict -}}
{{- end -}}
{{- end -}}

{{/* grpc-greeter.faultPercent: the percent of calls a fault part (abort, delay) picks; 0 without it. */}}
{{- define "grpc-greeter.faultPercent" -}}
{{- with . }}{{ int (round .percentage.value 0) }}{{ else }}0{{ end -}}
{{- end -}}

{{/*
grpc-greeter.meshRetriesUnavailable: "true" when a mesh hop in front of the client retries an
UNAVAILABLE call: Istio writes its default retry policy (unavailable among its retryOn) on every
route, unless routing.retries turns it off (attempts 0) or names a retryOn without unavailable.
*/}}
{{- define "grpc-greeter.meshRetriesUnavailable" -}}
{{- if eq (include "grpc-greeter.perRequestMesh" .) "true" -}}
{{- $retries := dict -}}
{{- if and .Values.routing.enabled (eq .Values.routing.api "istio") -}}
{{- $retries = .Values.routing.retries | default dict -}}
{{- end -}}
{{- if not $retries -}}
true
{{- else if and (gt (int ($retries.attempts | default 0)) 0) (or (not $retries.retryOn) (has "unavailable" (splitList "," $retries.retryOn))) -}}
true
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
grpc-greeter.expectFailed: the percent of the helm test's calls that fail: test.expectFailed when
set; else derived: those the mesh's fault aborts, and of the rest, those a version's failureRate
fails when calls are balanced per request and nothing retries them (test.retries 0 and no mesh retry on unavailable: a retry goes to the
next pod and hides the failure); "" when none should (then any failed call fails it).
*/}}
{{- define "grpc-greeter.expectFailed" -}}
{{- if not (kindIs "invalid" .Values.test.expectFailed) -}}
{{- if gt (int .Values.test.expectFailed) 0 -}}
{{- int .Values.test.expectFailed -}}
{{- end -}}
{{- else -}}
{{- $total := 0 -}}
{{- $answering := int (include "grpc-greeter.answeringReplicas" .) -}}
{{- range .Values.server.versions -}}
{{- $total = add $total (int .replicas) -}}
{{- end -}}
{{- $failing := sub (mul 100 $total) $answering -}}
{{- $badPods := 0 -}}
{{- if and (gt (int $failing) 0) (eq (include "grpc-greeter.perRequest" .) "true") (eq (toString .Values.test.retries) "0") (ne (include "grpc-greeter.meshRetriesUnavailable" .) "true") -}}
{{- $badPods = div $failing $total -}}
{{- end -}}
{{- $aborted := int (include "grpc-greeter.faultPercent" (fromYaml (include "grpc-greeter.meshFault" .)).abort) -}}
{{- $failed := add $aborted (div (mul (sub 100 $aborted) $badPods) 100) -}}
{{- if gt (int $failed) 0 -}}
{{- $failed -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
grpc-greeter.expectSlow: percent@duration of the helm test's calls the mesh's fault delays (and
does not abort), for --expect-slow; "" without a delay.
*/}}
{{- define "grpc-greeter.expectSlow" -}}
{{- $fault := fromYaml (include "grpc-greeter.meshFault" .) -}}
{{- $delayed := int (include "grpc-greeter.faultPercent" $fault.delay) -}}
{{- $aborted := int (include "grpc-greeter.faultPercent" $fault.abort) -}}
{{- if gt $delayed 0 -}}
{{- div (mul $delayed (sub 100 $aborted)) 100 }}@{{ $fault.delay.fixedDelay -}}
{{- end -}}
{{- end -}}
