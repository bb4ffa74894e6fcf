#!/usr/bin/env bash
# Installs helm (and, when asked, kubeconform) into .tools/bin from the Go module proxy, built the
# way the release binaries are: with the version and the default Kubernetes version set by
# -ldflags (a plain `go install` reports Kubernetes v1.20.0, which fails kubeVersion: >=1.27).
#
# Usage: tools/helm/install-tools.sh [--kubeconform]
# Environment: HELM_VERSION (default v3.19.0), KUBECONFORM_VERSION (default v0.8.0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="$ROOT/.tools/bin"
HELM_VERSION="${HELM_VERSION:-v3.19.0}"
KUBECONFORM_VERSION="${KUBECONFORM_VERSION:-v0.8.0}"
mkdir -p "$BIN"

command -v go >/dev/null || { echo "install-tools: needs Go (https://go.dev/dl/)" >&2; exit 1; }

if [[ "$("$BIN/helm" version --template '{{.Version}}' 2>/dev/null || true)" != "$HELM_VERSION" ]]; then
  echo "install-tools: building helm $HELM_VERSION into $BIN" >&2
  # The Kubernetes minor the release is built against: that of its k8s.io/client-go (v0.34 -> 1.34).
  gomod="$(go mod download -json "helm.sh/helm/v3@$HELM_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  minor="$(sed -n 's/^[[:space:]]*k8s.io\/client-go v0\.\([0-9]*\)\..*/\1/p' "$gomod" | head -n1)"
  [[ -n "$minor" ]] || { echo "install-tools: cannot read the Kubernetes version of helm $HELM_VERSION" >&2; exit 1; }
  ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  ldflags+=" -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    ldflags+=" -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$minor"
  done
  GOBIN="$BIN" CGO_ENABLED=0 go install -trimpath -ldflags "$ldflags" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
fi

if [[ "${1:-}" == "--kubeconform" ]] && ! [[ -x "$BIN/kubeconform" ]]; then
  echo "install-tools: installing kubeconform $KUBECONFORM_VERSION into $BIN" >&2
  GOBIN="$BIN" CGO_ENABLED=0 go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
fi

"$BIN/helm" version --short
