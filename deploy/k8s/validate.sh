#!/usr/bin/env bash
# Validates deploy/k8s offline: every manifest listed in kustomization.yaml against the vendored
# Kubernetes JSON Schemas (schemas/, see schemas/README.md) with kubeconform in strict mode (unknown
# fields are errors), every manifest in the folder listed there, and every ConfigMap key a setting that
# libs/config reads. Exits non-zero on any failure.
#   deploy/k8s/validate.sh [DIR]     # DIR defaults to deploy/k8s
# kubeconform is built once with `go install` into .cache/ (Go needed), or taken from $KUBECONFORM.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$(cd "${1:-$root/deploy/k8s}" && pwd)"
K8S_VERSION=1.35.4
KUBECONFORM_VERSION=v0.8.0
schemas="$root/deploy/k8s/schemas"

# `go install` stamps no version into the binary, so the version is in the folder name.
kubeconform="${KUBECONFORM:-$root/.cache/kubeconform-$KUBECONFORM_VERSION/kubeconform}"
if [ ! -x "$kubeconform" ]; then
  [ -z "${KUBECONFORM:-}" ] || { echo "KUBECONFORM=$KUBECONFORM is not an executable"; exit 1; }
  command -v go >/dev/null 2>&1 || { echo "Go is needed to build kubeconform (go install github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION)"; exit 1; }
  echo "building kubeconform $KUBECONFORM_VERSION into ${kubeconform#"$root"/}"
  GOBIN="$(dirname "$kubeconform")" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
fi

status=0
fail() { echo "FAIL: $*"; status=1; }

# The files kustomization.yaml lists (its `resources:` block, one `- file` a line).
mapfile -t resources < <(awk '/^resources:/ {on=1; next} on && /^[^ #-]/ {on=0} on && /^ *- / {sub(/^ *- */, ""); sub(/ *#.*/, ""); print}' "$dir/kustomization.yaml")
[ "${#resources[@]}" -gt 0 ] || fail "kustomization.yaml lists no resources"
files=()
for r in "${resources[@]}"; do
  [ -f "$dir/$r" ] && files+=("$dir/$r") || fail "kustomization.yaml lists $r, which does not exist"
done
for f in "$dir"/*.yaml; do
  name="$(basename "$f")"
  [ "$name" = kustomization.yaml ] && continue
  printf '%s\n' "${resources[@]}" | grep -qxF "$name" || fail "$name is not listed in kustomization.yaml (kubectl apply -k would skip it)"
done

# Every ConfigMap key is a setting the application reads (catches typos; LEASE_SECONDS and the like
# must exist in libs/config before they are set here).
config_src="$root/libs/config/src"
for f in "${files[@]}"; do
  grep -q '^kind: ConfigMap' "$f" || continue
  while read -r key; do
    grep -rqE "env\.$key\b|['\"]$key['\"]" "$config_src" || fail "$(basename "$f"): $key is not a setting of libs/config"
  done < <(awk '/^data:/ {on=1; next} on && /^[^ #]/ {on=0} on && /^  [A-Za-z_][A-Za-z0-9_]*:/ {sub(/^  /, ""); sub(/:.*/, ""); print}' "$f")
done

if [ "${#files[@]}" -gt 0 ]; then
  "$kubeconform" -strict -summary -output text \
    -kubernetes-version "$K8S_VERSION" \
    -schema-location "$schemas" \
    "${files[@]}" || status=1
fi
# Where kustomize is installed (CI does not install it), the rendered output is checked too.
if command -v kustomize >/dev/null 2>&1; then
  kustomize build "$dir" | "$kubeconform" -strict -summary -output text \
    -kubernetes-version "$K8S_VERSION" -schema-location "$schemas" - || fail "kustomize build output"
fi
[ $status -eq 0 ] && echo "deploy/k8s: ${#files[@]} manifests valid for Kubernetes $K8S_VERSION" || echo "deploy/k8s: invalid (see above)"
exit $status
