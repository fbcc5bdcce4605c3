#!/bin/sh
# istiod as a cluster gets it, all from the istio.io/istio that apps/istio-pilot/go.mod pins (its
# `tool` line makes pilot-discovery part of that module, so both share one Go build cache):
# pilot-discovery, Istio's own `base` and `istiod` Helm charts, and the Gateway API CRDs (standard
# channel) of the sigs.k8s.io/gateway-api version that module requires.
set -eu
cd "$(dirname "$0")/../istio-pilot"
out=../../dist/apps/istiod
istio=$(go list -m -f '{{.Dir}}' istio.io/istio)
gateway=$(go list -m -f '{{.Dir}}' sigs.k8s.io/gateway-api)
rm -rf "$out"
mkdir -p "$out/charts"
go build -o "$out/pilot-discovery" istio.io/istio/pilot/cmd/pilot-discovery
cp -R "$istio/manifests/charts/base" "$istio/manifests/charts/istio-control/istio-discovery" "$out/charts/"
cp -R "$gateway/config/crd/standard" "$out/gateway-api-crds"
# The module cache is read-only; the copies need not be.
chmod -R u+w "$out"
