#!/usr/bin/env bash
# Checks the Helm charts without a cluster and without a network:
#   1. the service charts match tools/helm/generate-subcharts.sh (no hand edits, no drift);
#   2. helm lint --strict on every chart (the umbrella with its default values and with
#      values-production.example.yaml; each service chart with tools/helm/lint-values.yaml);
#   3. helm template of the umbrella with default values, with the production example, and at
#      the oldest Kubernetes the charts support;
#   4. each rendering decoded strictly into the Kubernetes API types, and the platform's rules
#      on every Deployment (tools/helm/validate; needs Go and, the first time, the Go module
#      proxy; SKIP_VALIDATE=1 skips it);
#   5. values that must be refused are refused (no NATS URL, no NATS credentials, no database Secret, no Keycloak URL or audience,
#      a trusted actor key of an unknown issuer or not Ed25519, a signing service without its key Secret,
#      a typo, a shutdown longer than the grace period, attachment storage on s3 without a bucket
#      or with an unknown driver or a plain S3 key), and legal variants render;
#   6. kubeconform, only when KUBECONFORM_SCHEMA_LOCATION points at Kubernetes JSON schemas
#      (it downloads them from the internet otherwise).
# Exits non-zero on the first failure.
#
# Usage: tools/helm/check.sh            (helm from PATH or .tools/bin; tools/helm/install-tools.sh installs it)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/.tools/bin:$PATH"
UMBRELLA=charts/congress-platform
PROD_VALUES=$UMBRELLA/values-production.example.yaml
LINT_VALUES=tools/helm/lint-values.yaml
SERVICES=(gateway directory project-library issue-tracking supervision-scheduling voting publication personnel-assessment)
MIN_KUBE=1.27.0
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

if ! command -v helm >/dev/null; then
  echo "check: no helm on PATH or in .tools/bin; installing it (tools/helm/install-tools.sh)" >&2
  bash tools/helm/install-tools.sh >/dev/null
fi

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# Runs helm, hiding only its notice about the symbolic links to the library chart (expected,
# see charts/congress-common/README.md). Its standard error goes through a file, filtered once
# helm has exited: a process substitution (2> >(grep ...)) may still be writing when the caller
# reads the error, which made refuse() fail now and then with an empty message.
h() {
  local rc=0 err
  err="$(mktemp "$OUT/helm-stderr.XXXXXX")"
  helm "$@" 2>"$err" || rc=$?
  grep -v 'found symbolic link in path: .*congress-common' "$err" >&2 || true
  rm -f "$err"
  return $rc
}
# Expects helm template to fail, with a message containing $1.
refuse() {
  local expect="$1" label="$2"; shift 2
  local log="$OUT/refused.log"
  if h template t "$UMBRELLA" "$@" >/dev/null 2>"$log"; then
    echo "FAIL: $label: rendered, but should have been refused" >&2
    exit 1
  fi
  if ! grep -qF -- "$expect" "$log"; then
    echo "FAIL: $label: refused, but the message does not mention '$expect':" >&2
    cat "$log" >&2
    exit 1
  fi
  echo "ok: refused $label: $(grep -F -- "$expect" "$log" | head -n1 | sed 's/^[[:space:]-]*//')"
}

echo "helm $(helm version --template '{{.Version}}') (go $(helm version --template '{{.GoVersion}}' | sed 's/^go//'))"

step "1. service charts are what tools/helm/generate-subcharts.sh writes"
bash tools/helm/generate-subcharts.sh "$OUT/generated"
for service in "${SERVICES[@]}"; do
  if ! diff -r --no-dereference "$OUT/generated/$service" "$UMBRELLA/charts/$service" >"$OUT/diff" 2>&1; then
    cat "$OUT/diff" >&2
    echo "FAIL: $UMBRELLA/charts/$service differs from the generator: edit tools/helm/subchart/ and run tools/helm/generate-subcharts.sh" >&2
    exit 1
  fi
done
for link in "$UMBRELLA/charts/congress-common" "${SERVICES[@]/#/$UMBRELLA/charts/}"; do
  [[ "$link" == */congress-common ]] || link="$link/charts/congress-common"
  [[ -L "$link" && -f "$link/Chart.yaml" ]] || { echo "FAIL: $link is not a symbolic link to charts/congress-common" >&2; exit 1; }
done
echo "ok: ${#SERVICES[@]} service charts up to date; library links resolve"

step "2. helm lint --strict"
h lint --strict charts/congress-common
h lint --strict "$UMBRELLA"
h lint --strict "$UMBRELLA" -f "$PROD_VALUES"
for service in "${SERVICES[@]}"; do
  h lint --strict "$UMBRELLA/charts/$service" -f "$LINT_VALUES"
done

step "3. helm template"
h template congress "$UMBRELLA" --namespace congress >"$OUT/default.yaml"
echo "ok: default values: $(grep -c '^kind:' "$OUT/default.yaml") objects"
h template congress "$UMBRELLA" --namespace congress -f "$PROD_VALUES" >"$OUT/production.yaml"
echo "ok: $PROD_VALUES: $(grep -c '^kind:' "$OUT/production.yaml") objects"
h template congress "$UMBRELLA" --namespace congress -f "$PROD_VALUES" --kube-version "$MIN_KUBE" >/dev/null
echo "ok: renders for Kubernetes $MIN_KUBE"
h template congress "$UMBRELLA" --namespace congress -f "$PROD_VALUES" --set gateway.service.type=LoadBalancer \
  --set tests.image.repository=docker.io/library/busybox --set tests.image.tag=1.37.0 >/dev/null
for service in "${SERVICES[@]}"; do
  h template congress "$UMBRELLA/charts/$service" -f "$LINT_VALUES" >"$OUT/alone-$service.yaml"
done
echo "ok: each service chart renders on its own with $LINT_VALUES"

# NOTES.txt is rendered only by install/upgrade (which need a cluster): render it here through a
# copy of the charts in which it is a define shown in a ConfigMap.
cp -a charts "$OUT/notes"
notes_chart="$OUT/notes/congress-platform"
{ echo '{{- define "congress-platform.notes-check" -}}'; cat "$notes_chart/templates/NOTES.txt"; echo '{{- end -}}'; } >"$notes_chart/templates/_notes_check.tpl"
rm "$notes_chart/templates/NOTES.txt"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  NOTES.txt: {{ include "congress-platform.notes-check" . | toJson }}\n' >"$notes_chart/templates/notes-check.yaml"
for values in "$UMBRELLA/values.yaml" "$PROD_VALUES"; do
  h template congress "$notes_chart" --namespace congress -f "$values" --show-only templates/notes-check.yaml >"$OUT/notes.yaml"
  grep -q 'helm test congress' "$OUT/notes.yaml" || fail "NOTES.txt with $values lacks the helm test line"
done
echo "ok: NOTES.txt renders (default and production values)"
h package "$UMBRELLA" --destination "$OUT/package" >/dev/null
h template congress "$OUT"/package/congress-platform-*.tgz --namespace congress -f "$PROD_VALUES" >"$OUT/packaged.yaml"
cmp -s <(grep -v '^# Source' "$OUT/packaged.yaml") <(grep -v '^# Source' "$OUT/production.yaml") || fail "the packaged chart renders differently from the folder"
echo "ok: helm package carries the library (the packaged chart renders the same)"

step "4. strict decoding into the Kubernetes API types, and the platform's rules"
if [[ "${SKIP_VALIDATE:-}" == 1 ]]; then
  echo "SKIPPED: SKIP_VALIDATE=1"
elif command -v go >/dev/null; then
  (cd tools/helm/validate && go build -o "$OUT/validate" .)
  for rendering in default production; do
    printf '%s: ' "$rendering"
    "$OUT/validate" <"$OUT/$rendering.yaml"
  done
  cat "$OUT"/alone-*.yaml | "$OUT/validate" >/dev/null && echo "service charts alone: valid"
else
  echo "SKIPPED: no Go toolchain for tools/helm/validate"
fi

step "5. values that must be refused, variants that must render"
refuse "/global/natsUrl" "an empty global.natsUrl" --set global.natsUrl=
refuse "missing property 'natsUrl'" "no global.natsUrl" --set global.natsUrl=null
refuse "does not match pattern" "global.natsUrl that is not nats://" --set global.natsUrl=http://nats:4222
refuse "/global/database/existingSecret" "no database Secret" --set global.database.existingSecret=
refuse "/global/nats/credentialsSecret" "no NATS credentials Secret (authentication is always on)" --set global.nats.credentialsSecret=
refuse "missing property 'credentialsSecret'" "no global.nats.credentialsSecret" --set global.nats.credentialsSecret=null
refuse "/global/keycloak/url" "an empty global.keycloak.url" --set global.keycloak.url=
refuse "missing property 'url'" "no global.keycloak.url" --set global.keycloak.url=null
refuse "/global/keycloak/audience" "an empty global.keycloak.audience (the audience is always checked)" --set global.keycloak.audience=
refuse "missing property 'audience'" "no global.keycloak.audience" --set global.keycloak.audience=null
refuse "/global/image/repository" "no image repository" --set global.image.repository=
refuse "invalid propertyName 'replicaCont'" "a misspelt key" --set voting.replicaCont=3
refuse "must be less than terminationGracePeriodSeconds" "a shutdown longer than the grace period" --set voting.shutdownTimeoutMs=30000
refuse "/gateway/ingress/host" "an Ingress without host" --set gateway.ingress.enabled=true --set gateway.ingress.host=
refuse "/gateway/storage/s3/bucket" "storage.driver s3 without a bucket" --set gateway.storage.driver=s3
refuse "/gateway/storage/driver" "an unknown storage.driver" --set gateway.storage.driver=gcs
refuse "additional properties 'accessKeyId' not allowed" "an S3 key as a plain value" \
  --set gateway.storage.driver=s3 --set gateway.storage.s3.bucket=attachments --set gateway.storage.s3.accessKeyId=AKIA
refuse "storage.driver is s3 but no bucket" "storage.driver s3 without a bucket, past the schema (the template's own check)" \
  --skip-schema-validation --set gateway.storage.driver=s3
own=()
for service in "${SERVICES[@]}"; do own+=(--set "$service.database.existingSecret=$service-db"); done
h template t "$UMBRELLA" --set global.database.existingSecret= "${own[@]}" >"$OUT/own.yaml"
grep -q 'name: voting-db$' "$OUT/own.yaml" || fail "voting's own database Secret is not used"
[[ "$(grep -c 'name: congress-platform-database$' "$OUT/own.yaml")" == 0 ]] || fail "the shared database Secret is still used"
echo "ok: renders with one database Secret per service and no shared one"
grep -q 'secretName: congress-nats-credentials$' "$OUT/production.yaml" || fail "the NATS credentials Secret is not mounted"
grep -A1 'name: NATS_CREDS_FILE$' "$OUT/production.yaml" | grep -q '/etc/congress/nats/nats.creds' || fail "NATS_CREDS_FILE does not point at the mounted .creds"
if grep -q 'name: NATS_CREDS$' "$OUT/production.yaml"; then fail "the .creds travel in an environment variable"; fi
grep -A1 'name: NATS_TLS_CA_FILE$' "$OUT/production.yaml" | grep -q '/etc/congress/nats-tls/ca.crt' || fail "TLS to NATS is not on in the production example"
if grep -q 'NATS_TLS_CA_FILE' "$OUT/default.yaml"; then fail "TLS to NATS is on without a CA Secret"; fi
h template t "$UMBRELLA" --set voting.nats.credentialsSecret=voting-nats --set voting.nats.credentialsSecretKey=creds >"$OUT/nats-own.yaml"
grep -B2 -A4 'secretName: voting-nats$' "$OUT/nats-own.yaml" | grep -q 'key: creds$' || fail "voting's own NATS credentials Secret is not used"
echo "ok: each service mounts its own NATS credentials from a Secret (a file, not an environment variable); TLS on in the production example"
h template t "$UMBRELLA" --set gateway.enabled=false --set global.keycloak.url= >"$OUT/nogw.yaml"
if grep -q 'KEYCLOAK_URL' "$OUT/nogw.yaml"; then fail "KEYCLOAK_URL rendered without the gateway"; fi
echo "ok: renders without the gateway and without a Keycloak URL"
gw=charts/gateway/templates/deployment.yaml
h template t "$UMBRELLA" --show-only "$gw" >"$OUT/storage.yaml"
grep -A1 'name: STORAGE_DRIVER$' "$OUT/storage.yaml" | grep -q 'value: "postgres"' || fail "STORAGE_DRIVER is not postgres by default"
if grep -q 'name: S3_' "$OUT/storage.yaml"; then fail "S3_* rendered with the postgres driver"; fi
h template t "$UMBRELLA" --show-only "$gw" --set gateway.storage.driver=s3 --set gateway.storage.s3.bucket=attachments \
  --set gateway.storage.s3.existingSecret=s3-cred >"$OUT/storage.yaml"
for name in S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY; do
  grep -A3 "name: $name\$" "$OUT/storage.yaml" | grep -q 'name: s3-cred$' || fail "$name does not come from the Secret s3-cred"
done
grep -A1 'name: S3_BUCKET$' "$OUT/storage.yaml" | grep -q 'value: "attachments"' || fail "S3_BUCKET not rendered"
h template t "$UMBRELLA" --show-only "$gw" --set gateway.storage.driver=s3 --set gateway.storage.s3.bucket=attachments >"$OUT/storage.yaml"
if grep -q 'name: S3_ACCESS_KEY_ID' "$OUT/storage.yaml"; then fail "S3 keys rendered without storage.s3.existingSecret"; fi
grep -q 'nginx.ingress.kubernetes.io/proxy-body-size' "$OUT/production.yaml" || fail "the production example's Ingress lacks proxy-body-size (uploads are up to 20 MB)"
echo "ok: attachment storage: postgres by default; s3 with the keys from a Secret, or none (the SDK's default chain)"
refuse "invalid propertyName 'mallory'" "a trusted key of an unknown issuer" --set global.actorAssertions.trustedKeys.mallory=MCowBQYDK2VwAyEAh//s2d7FewJsGP+rpbpQtpVGQC4LAyIyNo3f6RdmUUw=
refuse "/global/actorAssertions/trustedKeys" "a trusted key that is not an Ed25519 public key" --set global.actorAssertions.trustedKeys.gateway=c2VjcmV0
refuse "signs actor assertions but has no key Secret" "a signing service without a key Secret" --set global.actorAssertions.existingSecret=
h template t "$UMBRELLA" -f "$PROD_VALUES" >"$OUT/actor.yaml"
for service in gateway project-library; do
  h template t "$UMBRELLA" -f "$PROD_VALUES" --show-only "charts/$service/templates/deployment.yaml" >"$OUT/actor-$service.yaml"
  grep -A4 'name: ACTOR_SIGNING_KEY$' "$OUT/actor-$service.yaml" | grep -q "key: $service\$" || fail "$service's ACTOR_SIGNING_KEY does not come from its key in the Secret"
done
for service in directory issue-tracking voting; do
  h template t "$UMBRELLA" -f "$PROD_VALUES" --show-only "charts/$service/templates/deployment.yaml" >"$OUT/actor-$service.yaml"
  if grep -q 'name: ACTOR_SIGNING_KEY$' "$OUT/actor-$service.yaml"; then fail "$service gets a signing key it does not need"; fi
  grep -A1 'name: ACTOR_TRUSTED_KEYS$' "$OUT/actor-$service.yaml" | grep -q '"gateway' || fail "$service does not trust the gateway's key"
done
echo "ok: actor assertions: gateway and project-library sign with keys from the Secret; every service trusts the public keys"
h template t "$UMBRELLA" --set voting.replicaCount=1 --show-only charts/voting/templates/pdb.yaml >"$OUT/one.yaml" 2>&1 || true
if grep -q '^kind: PodDisruptionBudget' "$OUT/one.yaml"; then fail "a PodDisruptionBudget for a service with 1 replica blocks node drains"; fi
h template t "$UMBRELLA" --show-only charts/voting/templates/pdb.yaml | grep -q '^kind: PodDisruptionBudget' || fail "no PodDisruptionBudget for 2 replicas"
echo "ok: a PodDisruptionBudget with 2 replicas, none with 1"

step "6. kubeconform"
if [[ -n "${KUBECONFORM_SCHEMA_LOCATION:-}" ]] && command -v kubeconform >/dev/null; then
  for rendering in default production; do
    kubeconform -strict -summary -kubernetes-version "${KUBECONFORM_KUBERNETES_VERSION:-1.34.0}" \
      -schema-location "$KUBECONFORM_SCHEMA_LOCATION" "$OUT/$rendering.yaml"
  done
else
  echo "SKIPPED: set KUBECONFORM_SCHEMA_LOCATION (a folder or URL template of Kubernetes JSON schemas) and install kubeconform (tools/helm/install-tools.sh --kubeconform) to run it"
fi

printf '\nhelm check: all passed\n'
