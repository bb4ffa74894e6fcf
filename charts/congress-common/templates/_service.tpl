{{/*
The Service of one service: its HTTP port (/health, /ready; for the gateway also the API).
The services talk to one another over NATS; this Service is for the gateway's clients, probes
from outside the pod, and the helm test.
*/}}
{{- define "congress-common.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "congress-common.fullname" . }}
  namespace: {{ include "congress-common.namespace" . }}
  labels:
    {{- include "congress-common.labels" . | nindent 4 }}
  {{- with .Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .Values.service.type }}
  {{- if and (eq .Values.service.type "LoadBalancer") .Values.service.loadBalancerSourceRanges }}
  loadBalancerSourceRanges:
    {{- toYaml .Values.service.loadBalancerSourceRanges | nindent 4 }}
  {{- end }}
  ports:
    - name: http
      port: {{ .Values.service.port | int64 }}
      targetPort: http
      protocol: TCP
      {{- if and (or (eq .Values.service.type "NodePort") (eq .Values.service.type "LoadBalancer")) .Values.service.nodePort }}
      nodePort: {{ .Values.service.nodePort | int64 }}
      {{- end }}
  selector:
    {{- include "congress-common.selectorLabels" . | nindent 4 }}
{{- end -}}
