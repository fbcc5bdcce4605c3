#!/usr/bin/env bash
# Builds the control plane's programs from the pinned modules into dist/apps/kube-control-plane.
# The version is read from go.mod (one source) and stamped in: without it the API server reports
# v0.0.0, and helm refuses a chart whose kubeVersion asks for more. No -trimpath: apps/istio-pilot
# builds without it too, so the two share Go's build cache (same k8s.io/* v0.36.x packages).
set -euo pipefail
cd "$(dirname "$0")"
out=../../dist/apps/kube-control-plane
version=$(go list -m -f '{{.Version}}' k8s.io/kubernetes)
minor=$(echo "$version" | cut -d. -f2)
pkg=k8s.io/component-base/version
mkdir -p "$out"
go build -o "$out/" \
  -ldflags "-X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler \
  k8s.io/kubernetes/cmd/kubectl \
  k8s.io/kubernetes/cmd/kube-proxy
go build -o "$out/etcd" go.etcd.io/etcd/server/v3
