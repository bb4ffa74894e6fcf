{{/*
The PodDisruptionBudget of one service, when pdb.create and the service runs at least 2 pods
(with 1 pod, minAvailable 1 would block every node drain forever, so none is rendered).
pdb.maxUnavailable, when set, is used instead of pdb.minAvailable.
*/}}
{{- define "congress-common.pdb" -}}
{{- if and .Values.pdb.create (ge (int64 (include "congress-common.minReplicas" .)) 2) -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "congress-common.fullname" . }}
  namespace: {{ include "congress-common.namespace" . }}
  labels:
    {{- include "congress-common.labels" . | nindent 4 }}
spec:
  {{- if not (kindIs "invalid" .Values.pdb.maxUnavailable) }}
  {{- if ne (toString .Values.pdb.maxUnavailable) "" }}
  maxUnavailable: {{ .Values.pdb.maxUnavailable }}
  {{- else }}
  minAvailable: {{ .Values.pdb.minAvailable }}
  {{- end }}
  {{- else }}
  minAvailable: {{ .Values.pdb.minAvailable }}
  {{- end }}
  {{- with .Values.pdb.unhealthyPodEvictionPolicy }}
  unhealthyPodEvictionPolicy: {{ . }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "congress-common.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}
