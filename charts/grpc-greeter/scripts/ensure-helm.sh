#!/usr/bin/env bash
# Prints the path of a helm binary, installing the pinned version with `go install` when there is
# none. Helm is in neither Debian nor npm here; the chart tests (npx nx run chart:test) need it.
#   charts/grpc-greeter/scripts/ensure-helm.sh            # -> /root/go/bin/helm
#   HELM_BIN=/opt/helm charts/grpc-greeter/scripts/ensure-helm.sh
set -euo pipefail

HELM_VERSION="${HELM_VERSION:-v3.22.0}"

usage() {
  cat <<USAGE
usage: $(basename "$0") [-h]
Finds helm (HELM_BIN, then PATH, then \$(go env GOPATH)/bin) and prints its path; if none is
found, runs 'go install helm.sh/helm/v3/cmd/helm@\${HELM_VERSION}' (default ${HELM_VERSION}).
USAGE
}

die() {
  echo "ensure-helm: $*" >&2
  exit 1
}

main() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    usage
    return 0
  fi
  [[ $# -eq 0 ]] || { usage >&2; exit 1; }

  if [[ -n "${HELM_BIN:-}" ]]; then
    [[ -x "${HELM_BIN}" ]] || die "HELM_BIN=${HELM_BIN} is not an executable file"
    echo "${HELM_BIN}"
    return 0
  fi
  if command -v helm >/dev/null 2>&1; then
    command -v helm
    return 0
  fi
  if ! command -v go >/dev/null 2>&1 && [[ -x "${HOME}/go/bin/helm" ]]; then
    echo "${HOME}/go/bin/helm"
    return 0
  fi
  command -v go >/dev/null 2>&1 ||
    die "neither helm nor Go is installed: install helm (https://helm.sh/docs/intro/install/) or Go, or set HELM_BIN"

  local gobin
  gobin="$(go env GOPATH)/bin"
  if [[ ! -x "${gobin}/helm" ]]; then
    echo "ensure-helm: installing helm ${HELM_VERSION} with go install (a few minutes the first time)" >&2
    go install "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}" >&2 ||
      die "go install helm.sh/helm/v3/cmd/helm@${HELM_VERSION} failed"
  fi
  echo "${gobin}/helm"
}

main "$@"
