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
#      or with an unknown driver or a plain S3 key, a realm import without its Secrets, its address,
#      or a pinned image), and legal variants render; the realm import's ConfigMap is the committed
#      realm with only the address, the realm name and the placeholders' syntax changed;
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
# Runs helm, hiding only its notices about the symbolic links to the library chart and to the realm
# file (expected, see charts/congress-common/README.md and the chart's README, Layout). Its standard error goes through a file, filtered once
# helm has exited: a process substitution (2> >(grep ...)) may still be writing when the caller
# reads the error, which made refuse() fail now and then with an empty message.
h() {
  local rc=0 err
  err="$(mktemp "$OUT/helm-stderr.XXXXXX")"
  helm "$@" 2>"$err" || rc=$?
  grep -v 'found symbolic link in path: .*\(congress-common\|files/realm-congress.json\)' "$err" >&2 || true
  rm -f "$err"
  return $rc
}
# Copies charts/ to $1 for a variant of the chart; the link to the realm file, which points out of
# charts/, becomes a copy of the file.
copy_charts() {
  cp -a charts "$1"
  cp --remove-destination infra/keycloak/realm-congress.json "$1/congress-platform/files/realm-congress.json"
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
copy_charts "$OUT/notes"
notes_chart="$OUT/notes/congress-platform"
{ echo '{{- define "congress-platform.notes-check" -}}'; cat "$notes_chart/templates/NOTES.txt"; echo '{{- end -}}'; } >"$notes_chart/templates/_notes_check.tpl"
rm "$notes_chart/templates/NOTES.txt"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  NOTES.txt: {{ include "congress-platform.notes-check" . | toJson }}\n' >"$notes_chart/templates/notes-check.yaml"
for values in "$UMBRELLA/values.yaml" "$PROD_VALUES"; do
  h template congress "$notes_chart" --namespace congress -f "$values" --show-only templates/notes-check.yaml >"$OUT/notes.yaml"
  grep -q 'helm test congress' "$OUT/notes.yaml" || fail "NOTES.txt with $values lacks the helm test line"
done
grep -q 'logs job/congress-keycloak-realm-import' "$OUT/notes.yaml" || fail "NOTES.txt with the production example does not say where the realm import's log is"

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
  job=templates/keycloak-realm-import-job.yaml
  h template congress "$UMBRELLA" --namespace congress -f "$PROD_VALUES" --show-only "$job" \
    | sed 's/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/; /backoffLimit:/d' >"$OUT/bad-job.yaml"
  if "$OUT/validate" <"$OUT/bad-job.yaml" 2>"$OUT/bad-job.log"; then fail "validate passed a Job with a writable root filesystem and no backoffLimit"; fi
  grep -q 'readOnlyRootFilesystem is not true' "$OUT/bad-job.log" && grep -q 'no backoffLimit' "$OUT/bad-job.log" \
    || { cat "$OUT/bad-job.log" >&2; fail "validate did not name the Job's faults"; }
  echo "ok: validate refuses a realm import Job that is not hardened or not bounded"
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
# Account provisioning: only the directory gets IDP_ADMIN_*, its secret from the named Secret; none without one.
[[ "$(grep -c 'name: IDP_ADMIN_CLIENT_SECRET$' "$OUT/production.yaml")" == 1 ]] || fail "IDP_ADMIN_CLIENT_SECRET is not rendered for the directory alone in the production example"
grep -A4 'name: IDP_ADMIN_CLIENT_SECRET$' "$OUT/production.yaml" | grep -q 'name: congress-keycloak-directory$' || fail "the directory's Keycloak client secret does not come from its Secret"
if grep -q 'IDP_ADMIN_' "$OUT/default.yaml"; then fail "IDP_ADMIN_* rendered without global.keycloak.directoryClient.existingSecret"; fi
echo "ok: the directory provisions accounts with its Keycloak client's secret from a Secret (production example), not without one"
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

# The realm import (keycloak.realmImport): off by default, on in the production example.
ri=(--set keycloak.realmImport.enabled=true --set keycloak.realmImport.admin.existingSecret=kc-admin
  --set keycloak.realmImport.directoryClient.existingSecret=kc-directory)
refuse "/keycloak/realmImport/admin/existingSecret" "a realm import without the administrator's Secret" \
  --set keycloak.realmImport.enabled=true --set keycloak.realmImport.directoryClient.existingSecret=kc-directory --set keycloak.realmImport.platformUrl=https://x.cn
refuse "/keycloak/realmImport/directoryClient/existingSecret" "a realm import without the congress-directory client's Secret" \
  --set keycloak.realmImport.enabled=true --set keycloak.realmImport.admin.existingSecret=kc-admin --set keycloak.realmImport.platformUrl=https://x.cn
refuse "additional properties 'password' not allowed" "the Keycloak administrator's password as a plain value" "${ri[@]}" \
  --set keycloak.realmImport.admin.password=secret
refuse "/keycloak/realmImport/extraEnv/0/name" "a credential set through extraEnv" "${ri[@]}" \
  --set 'keycloak.realmImport.extraEnv[0].name=KEYCLOAK_PASSWORD' --set 'keycloak.realmImport.extraEnv[0].value=secret'
refuse "/keycloak/realmImport/image/tag" "keycloak-config-cli's image at latest" "${ri[@]}" --set keycloak.realmImport.image.tag=latest
refuse "/keycloak/realmImport/admin/grantType" "an unknown grant type" "${ri[@]}" --set keycloak.realmImport.admin.grantType=implicit
refuse "/keycloak/realmImport/platformUrl" "a platform address with a path" "${ri[@]}" --set keycloak.realmImport.platformUrl=https://x.cn/app/*
refuse "set keycloak.realmImport.platformUrl" "a realm import without the platform's address (no Ingress)" "${ri[@]}"
refuse "no Keycloak URL is set" "a realm import without any Keycloak URL" "${ri[@]}" --set keycloak.realmImport.platformUrl=https://x.cn \
  --set gateway.enabled=false --set global.keycloak.url=
if grep -q 'keycloak-realm-import' "$OUT/default.yaml"; then fail "the realm import renders although keycloak.realmImport.enabled is false"; fi
job="$(awk '/^# Source: congress-platform\/templates\/keycloak-realm-import-job.yaml/,/^---/' "$OUT/production.yaml")"
[[ -n "$job" ]] || fail "no realm import Job with the production example"
grep -q 'helm.sh/hook: post-install,post-upgrade' <<<"$job" || fail "the realm import Job is not a post-install,post-upgrade hook"
grep -q 'image: "harbor.example.gov.cn/mirror/adorsys/keycloak-config-cli:6.5.0-26.5.4"' <<<"$job" || fail "the realm import Job does not run the production example's image"
grep -A1 'name: KEYCLOAK_URL$' <<<"$job" | grep -q 'http://keycloak-service.keycloak.svc:8080' || fail "the realm import does not default to global.keycloak.url"
for name in KEYCLOAK_CLIENTSECRET CONGRESS_DIRECTORY_CLIENT_SECRET; do
  grep -A4 "name: $name\$" <<<"$job" | grep -q 'secretKeyRef' || fail "$name of the realm import does not come from a Secret"
done
if grep -q 'name: KEYCLOAK_PASSWORD$' <<<"$job"; then fail "the realm import signs in with a password although grantType is client_credentials"; fi
h template t "$UMBRELLA" "${ri[@]}" --set keycloak.realmImport.platformUrl=https://x.cn --show-only templates/keycloak-realm-import-job.yaml >"$OUT/ri-password.yaml"
for name in KEYCLOAK_USER KEYCLOAK_PASSWORD; do
  grep -A4 "name: $name\$" "$OUT/ri-password.yaml" | grep -q 'name: kc-admin$' || fail "$name of the realm import does not come from the Secret kc-admin"
done
echo "ok: the realm import is a hook Job on the production example's image, credentials from Secrets only (password or client credentials)"
# The ConfigMap against the committed realm: render it for another address and realm name, then
# compare it with infra/keycloak/realm-congress.json changed in exactly those ways.
h template t "$UMBRELLA" "${ri[@]}" --set keycloak.realmImport.platformUrl=https://jiandu.example.cn/ \
  --set global.keycloak.realm=congress-test --show-only templates/keycloak-realm-import-configmap.yaml >"$OUT/ri-configmap.yaml"
node --input-type=module - "$OUT/ri-configmap.yaml" infra/keycloak/realm-congress.json <<'NODE' || fail "the realm import's ConfigMap is not the committed realm"
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
const [rendered, committed] = process.argv.slice(2);
const text = load(readFileSync(rendered, 'utf8')).data['realm-congress.json'];
const realm = JSON.parse(text);
const source = readFileSync(committed, 'utf8');
const expected = JSON.parse(source.replaceAll('https://supervision.example.gov.cn', 'https://jiandu.example.cn').replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, '$$(env:$1)'));
expected.realm = 'congress-test';
const problems = [];
const canonical = (v) => (Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v);
if (JSON.stringify(canonical(realm)) !== JSON.stringify(canonical(expected))) problems.push('differs from infra/keycloak/realm-congress.json beyond the address, the realm name and the placeholders');
if (text.includes('supervision.example.gov.cn')) problems.push('still holds the example address');
if (!text.includes('"secret": "$(env:CONGRESS_DIRECTORY_CLIENT_SECRET)"')) problems.push('the congress-directory secret is not $(env:CONGRESS_DIRECTORY_CLIENT_SECRET)');
if (!source.includes('${username}') || !text.includes('${username}')) problems.push("Keycloak's message key ${username} did not survive");
for (const p of problems) console.error(`FAIL: realm import ConfigMap: ${p}`);
process.exit(problems.length ? 1 : 0);
NODE
echo "ok: the realm import's ConfigMap is infra/keycloak/realm-congress.json with the address, realm name and \$(env:…) placeholders; Keycloak's \${username} kept"
copy_charts "$OUT/placeholders"
sed -i 's/dict "CONGRESS_DIRECTORY_CLIENT_SECRET"/dict "RENAMED_SECRET"/' "$OUT/placeholders/congress-platform/templates/_helpers.tpl"
if h template t "$OUT/placeholders/congress-platform" "${ri[@]}" --set keycloak.realmImport.platformUrl=https://x.cn >/dev/null 2>"$OUT/ri-unknown.log"; then
  fail "a realm placeholder the chart does not provide was not refused"
fi
grep -q 'uses ${CONGRESS_DIRECTORY_CLIENT_SECRET}, which keycloak.realmImport does not provide' "$OUT/ri-unknown.log" || { cat "$OUT/ri-unknown.log" >&2; fail "the refusal of an unknown placeholder does not name it"; }
echo "ok: refused a realm file placeholder the chart does not fill in"

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
