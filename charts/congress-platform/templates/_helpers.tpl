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
