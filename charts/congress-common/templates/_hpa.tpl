{{/*
The HorizontalPodAutoscaler of one service, when autoscaling.enabled (the Deployment then has
no replicas field, so that a helm upgrade does not reset what the autoscaler chose).
*/}}
{{- define "congress-common.hpa" -}}
{{- if .Values.autoscaling.enabled -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "congress-common.fullname" . }}
  namespace: {{ include "congress-common.namespace" . }}
  labels:
    {{- include "congress-common.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "congress-common.fullname" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas | int64 }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas | int64 }}
  {{- if not (or .Values.autoscaling.targetCPUUtilizationPercentage .Values.autoscaling.targetMemoryUtilizationPercentage) }}
  {{- fail (printf "%s: autoscaling.enabled needs autoscaling.targetCPUUtilizationPercentage or autoscaling.targetMemoryUtilizationPercentage" .Chart.Name) }}
  {{- end }}
  metrics:
    {{- with .Values.autoscaling.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ . | int64 }}
    {{- end }}
    {{- with .Values.autoscaling.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ . | int64 }}
    {{- end }}
  {{- with .Values.autoscaling.behavior }}
  behavior:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
{{- end -}}
