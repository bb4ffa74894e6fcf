{{/*
The environment every service reads, validated by the process at start
(libs/service-kit/src/config.ts; the gateway adds its own in apps/gateway/src/config.ts).
Numbers go through int64 so that large values never print as 1e+06.
*/}}

{{/* The Secret holding this service's DATABASE_URL: its own database.existingSecret, else the shared one. */}}
{{- define "congress-common.databaseSecretName" -}}
{{- $name := (.Values.database).existingSecret | default (((.Values.global).database).existingSecret) -}}
{{- if not $name -}}
{{- fail (printf "%s: no database Secret: set global.database.existingSecret (one Secret, one key per service) or %s.database.existingSecret (this service's own Secret)" .Chart.Name .Chart.Name) -}}
{{- end -}}
{{- $name -}}
{{- end -}}

{{/* The key of DATABASE_URL in that Secret: database.existingSecretKey, else the service's name. */}}
{{- define "congress-common.databaseSecretKey" -}}
{{- (.Values.database).existingSecretKey | default .Chart.Name -}}
{{- end -}}

{{/* The Secret holding this service's NATS credentials (.creds): global.nats.credentialsSecret, or the service's own. */}}
{{- define "congress-common.natsCredentialsSecretName" -}}
{{- $name := (.Values.nats).credentialsSecret | default ((((.Values.global).nats).credentialsSecret)) -}}
{{- if not $name -}}
{{- fail (printf "%s: no NATS credentials: set global.nats.credentialsSecret (one Secret, one key per service: the .creds files `npm run nats:credentials` writes) or %s.nats.credentialsSecret; NATS authentication is always on" .Chart.Name .Chart.Name) -}}
{{- end -}}
{{- $name -}}
{{- end -}}

{{/* The Secret holding this service's actor-signing key: its own actorSigningKey.existingSecret, else the shared one. */}}
{{- define "congress-common.actorKeySecretName" -}}
{{- $name := (.Values.actorSigningKey).existingSecret | default ((((.Values.global).actorAssertions).existingSecret)) -}}
{{- if not $name -}}
{{- fail (printf "%s: signs actor assertions but has no key Secret: set global.actorAssertions.existingSecret (one Secret, one key per signing service) or %s.actorSigningKey.existingSecret" .Chart.Name .Chart.Name) -}}
{{- end -}}
{{- $name -}}
{{- end -}}

{{/* TLS to NATS: on when global.nats.tls.caSecret is set (a Secret with ca.crt, and tls.crt/tls.key for a client certificate). */}}
{{- define "congress-common.natsTls" -}}
{{- ((((.Values.global).nats).tls).caSecret) | default "" -}}
{{- end -}}

{{- define "congress-common.env" -}}
{{- $global := .Values.global | default dict -}}
{{- $natsUrl := $global.natsUrl -}}
{{- if not $natsUrl -}}
{{- fail (printf "%s: no NATS: set global.natsUrl (nats://host:4222, comma-separated for a cluster)" .Chart.Name) -}}
{{- end -}}
- name: NODE_ENV
  value: production
- name: PORT
  value: {{ .Values.port | int64 | quote }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "congress-common.databaseSecretName" . }}
      key: {{ include "congress-common.databaseSecretKey" . }}
- name: DATABASE_POOL_SIZE
  value: {{ .Values.database.poolSize | int64 | quote }}
- name: NATS_URL
  value: {{ $natsUrl | quote }}
# The service's own NATS user, mounted from its Secret as a file (not an environment variable,
# which /proc/<pid>/environ and crash reports would show).
- name: NATS_CREDS_FILE
  value: /etc/congress/nats/nats.creds
{{- if include "congress-common.natsTls" . }}
- name: NATS_TLS_CA_FILE
  value: /etc/congress/nats-tls/ca.crt
{{- if (($global.nats).tls).clientCertificate }}
- name: NATS_TLS_CERT_FILE
  value: /etc/congress/nats-tls/tls.crt
- name: NATS_TLS_KEY_FILE
  value: /etc/congress/nats-tls/tls.key
{{- end }}
{{- end }}
- name: NATS_NAMESPACE
  value: {{ $global.natsNamespace | default "" | quote }}
- name: NATS_STREAM_REPLICAS
  value: {{ $global.natsStreamReplicas | default 3 | int64 | quote }}
- name: EVENT_RETENTION_DAYS
  value: {{ $global.eventRetentionDays | default 30 | int64 | quote }}
- name: REQUEST_TIMEOUT_MS
  value: {{ .Values.requestTimeoutMs | int64 | quote }}
- name: SHUTDOWN_TIMEOUT_MS
  value: {{ .Values.shutdownTimeoutMs | int64 | quote }}
- name: OUTBOX_POLL_MS
  value: {{ .Values.outboxPollMs | int64 | quote }}
- name: LOG_LEVEL
  value: {{ .Values.logLevel | default $global.logLevel | default "info" | quote }}
{{- with (($global.actorAssertions).trustedKeys) }}
{{- range $issuer, $_ := . }}
{{- if not (has $issuer (list "gateway" "directory" "project-library" "issue-tracking" "supervision-scheduling" "voting" "publication" "personnel-assessment")) }}
{{- fail (printf "global.actorAssertions.trustedKeys names an unknown issuer %q" $issuer) }}
{{- end }}
{{- end }}
{{/* Without trusted keys the variable is left out, and a service that serves requests refuses to start, naming it. */}}
- name: ACTOR_TRUSTED_KEYS
  value: {{ toJson . | quote }}
{{- end }}
{{- if (.Values.actorSigningKey).enabled }}
- name: ACTOR_SIGNING_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "congress-common.actorKeySecretName" . }}
      key: {{ .Values.actorSigningKey.existingSecretKey | default .Chart.Name }}
{{- end }}
{{- if and (eq .Chart.Name "directory") ((($global.keycloak).directoryClient).existingSecret) }}
{{- $client := $global.keycloak.directoryClient }}
# The directory provisions accounts through Keycloak's admin API as the realm's congress-directory client.
- name: IDP_ADMIN_URL
  value: {{ $global.keycloak.url | quote }}
- name: IDP_ADMIN_REALM
  value: {{ $global.keycloak.realm | quote }}
- name: IDP_ADMIN_CLIENT_ID
  value: {{ $client.clientId | default "congress-directory" | quote }}
- name: IDP_ADMIN_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $client.existingSecret }}
      key: {{ $client.existingSecretKey | default "client-secret" }}
{{- end }}
{{- with $global.otelEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- with .Values.nodeOptions }}
- name: NODE_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/*
Refuses settings that would break a rollout or a drain, with the reason.
Renders nothing.
*/}}
{{- define "congress-common.validate" -}}
{{- $grace := .Values.terminationGracePeriodSeconds | int64 -}}
{{- $shutdown := .Values.shutdownTimeoutMs | int64 -}}
{{- $preStop := .Values.preStopSleepSeconds | default 0 | int64 -}}
{{- if ge (add (mul $preStop 1000) $shutdown) (mul $grace 1000) -}}
{{- fail (printf "%s: preStopSleepSeconds (%d s) + shutdownTimeoutMs (%d ms) must be less than terminationGracePeriodSeconds (%d s), or Kubernetes kills the process before it has drained NATS and finished its work" .Chart.Name $preStop $shutdown $grace) -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (gt (int64 .Values.autoscaling.minReplicas) (int64 .Values.autoscaling.maxReplicas)) -}}
{{- fail (printf "%s: autoscaling.minReplicas (%d) is above autoscaling.maxReplicas (%d)" .Chart.Name (int64 .Values.autoscaling.minReplicas) (int64 .Values.autoscaling.maxReplicas)) -}}
{{- end -}}
{{- end -}}

{{/* The fewest pods the service runs: replicaCount, or autoscaling.minReplicas when autoscaling. */}}
{{- define "congress-common.minReplicas" -}}
{{- if .Values.autoscaling.enabled -}}
{{- .Values.autoscaling.minReplicas | int64 -}}
{{- else -}}
{{- .Values.replicaCount | int64 -}}
{{- end -}}
{{- end -}}
