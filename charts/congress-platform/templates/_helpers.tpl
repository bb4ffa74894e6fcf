{{/*
Helpers of the umbrella chart. The shared ones are in charts/congress-common.
*/}}

{{/* The gateway's Service name, as the gateway chart names it. */}}
{{- define "congress-platform.gatewayName" -}}
{{- include "congress-common.fullnameOf" (dict "release" .Release.Name "chart" "gateway" "values" .Values.gateway) -}}
{{- end -}}

{{/* The gateway's in-cluster base URL. */}}
{{- define "congress-platform.gatewayUrl" -}}
{{- printf "http://%s.%s.svc:%d" (include "congress-platform.gatewayName" .) .Release.Namespace (int64 ((.Values.gateway.service).port | default 3000)) -}}
{{- end -}}

{{/* The test image. */}}
{{- define "congress-platform.testImage" -}}
{{- if .Values.tests.image.digest -}}
{{- printf "%s@%s" .Values.tests.image.repository .Values.tests.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.tests.image.repository (toString .Values.tests.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The fewest pods of a service, from its values block (for NOTES.txt). */}}
{{- define "congress-platform.minReplicasOf" -}}
{{- if (.autoscaling).enabled -}}
{{- .autoscaling.minReplicas | int64 -}}
{{- else -}}
{{- .replicaCount | default 1 | int64 -}}
{{- end -}}
{{- end -}}

{{/* Name of the realm import's objects (ConfigMap, Job). */}}
{{- define "congress-platform.realmImport.name" -}}
{{- printf "%s-keycloak-realm-import" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of the realm import's objects: the platform's, with global.commonLabels. */}}
{{- define "congress-platform.realmImport.labels" -}}
{{- $custom := deepCopy (.Values.global.commonLabels | default dict) -}}
{{- range $key := list "app.kubernetes.io/name" "app.kubernetes.io/instance" "app.kubernetes.io/version" "app.kubernetes.io/managed-by" "app.kubernetes.io/part-of" "app.kubernetes.io/component" "helm.sh/chart" -}}
{{- $_ := unset $custom $key -}}
{{- end -}}
helm.sh/chart: {{ include "congress-common.chart" . }}
app.kubernetes.io/name: {{ include "congress-common.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: keycloak-realm-import
app.kubernetes.io/part-of: congress-platform
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with $custom }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* keycloak-config-cli's image. */}}
{{- define "congress-platform.realmImport.image" -}}
{{- $image := .Values.keycloak.realmImport.image -}}
{{- if $image.digest -}}
{{- printf "%s@%s" $image.repository $image.digest -}}
{{- else -}}
{{- printf "%s:%s" $image.repository (toString $image.tag) -}}
{{- end -}}
{{- end -}}

{{/* Keycloak's base URL for the import: keycloak.realmImport.url, else global.keycloak.url. */}}
{{- define "congress-platform.realmImport.keycloakUrl" -}}
{{- $url := .Values.keycloak.realmImport.url | default .Values.global.keycloak.url | trimSuffix "/" -}}
{{- if not $url -}}
{{- fail "keycloak.realmImport is enabled but no Keycloak URL is set: set keycloak.realmImport.url or global.keycloak.url" -}}
{{- end -}}
{{- $url -}}
{{- end -}}

{{/*
The platform's address for the web client's redirect URIs: keycloak.realmImport.platformUrl, else
the gateway's Ingress (https:// with TLS). Without either the import is refused.
*/}}
{{- define "congress-platform.realmImport.platformUrl" -}}
{{- $import := .Values.keycloak.realmImport -}}
{{- $ingress := (.Values.gateway).ingress | default dict -}}
{{- if $import.platformUrl -}}
{{- $import.platformUrl | trimSuffix "/" -}}
{{- else if and .Values.gateway.enabled $ingress.enabled $ingress.host -}}
{{- printf "%s://%s" (ternary "https" "http" (($ingress.tls).enabled | default false)) $ingress.host -}}
{{- else -}}
{{- fail "keycloak.realmImport needs the platform's address for the web app's redirect URIs: set keycloak.realmImport.platformUrl (e.g. https://supervision.example.gov.cn), or enable gateway.ingress with its host" -}}
{{- end -}}
{{- end -}}

{{/*
The environment variables the realm file reads, as ${NAME} placeholders (Keycloak's own
--import-realm syntax), mapped to the Secret that holds each. Its own message keys (${username},
${email}: lower case) are not placeholders and stay as they are.
*/}}
{{- define "congress-platform.realmImport.placeholders" -}}
{{- $import := .Values.keycloak.realmImport -}}
{{- dict "CONGRESS_DIRECTORY_CLIENT_SECRET" (dict "secret" $import.directoryClient.existingSecret "key" $import.directoryClient.secretKey) | toJson -}}
{{- end -}}

{{/*
The realm as keycloak-config-cli imports it, from the one committed file (files/realm-congress.json,
a link to infra/keycloak/realm-congress.json):
  - the example address https://supervision.example.gov.cn becomes the platform's address;
  - the realm is named global.keycloak.realm (the realm the gateway trusts);
  - each ${NAME} placeholder becomes $(env:NAME), keycloak-config-cli's syntax for an environment
    variable, which the Job sets from a Secret. keycloak-config-cli keeps its default $( ) syntax:
    with ${ } as its prefix it would also take Keycloak's own ${username}-style message keys in the
    user profile for variables (and fail on them). A placeholder the chart cannot fill is refused
    here rather than at import time.
*/}}
{{- define "congress-platform.realmImport.realm" -}}
{{- $text := .Files.Get "files/realm-congress.json" -}}
{{- if not $text -}}
{{- fail "files/realm-congress.json is missing from the chart: it is a link to infra/keycloak/realm-congress.json (a checkout needs symbolic links; see README.md, Layout)" -}}
{{- end -}}
{{- $text = replace "https://supervision.example.gov.cn" (include "congress-platform.realmImport.platformUrl" .) $text -}}
{{- $realm := fromJson $text -}}
{{- if not $realm.realm -}}
{{- fail (printf "files/realm-congress.json is not a realm export: %s" ($realm.Error | default "no realm name")) -}}
{{- end -}}
{{- $_ := set $realm "realm" .Values.global.keycloak.realm -}}
{{- $json := toPrettyJson $realm -}}
{{- $known := include "congress-platform.realmImport.placeholders" . | fromJson -}}
{{- range $placeholder := regexFindAll "\\$\\{[A-Z][A-Z0-9_]*\\}" $json -1 | uniq -}}
{{- $name := trimSuffix "}" (trimPrefix "${" $placeholder) -}}
{{- if not (hasKey $known $name) -}}
{{- fail (printf "the realm file uses %s, which keycloak.realmImport does not provide: add it to congress-platform.realmImport.placeholders in templates/_helpers.tpl" $placeholder) -}}
{{- end -}}
{{- end -}}
{{- regexReplaceAll "\\$\\{([A-Z][A-Z0-9_]*)\\}" $json "$$(env:${1})" -}}
{{- end -}}
