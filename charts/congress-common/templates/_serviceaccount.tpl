{{/*
The ServiceAccount of one service, when serviceAccount.create. The services do not call the
Kubernetes API, so its token is not mounted unless serviceAccount.automountServiceAccountToken.
*/}}
{{- define "congress-common.serviceaccount" -}}
{{- if .Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "congress-common.serviceAccountName" . }}
  namespace: {{ include "congress-common.namespace" . }}
  labels:
    {{- include "congress-common.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: {{ .Values.serviceAccount.automountServiceAccountToken }}
{{- end -}}
{{- end -}}
