{{/*
The Ingress in front of a service's HTTP port, when ingress.enabled (only the gateway, the one
public HTTP entry, offers it). It serves ingress.host at ingress.path (the API is under /api/v1,
its document under /api/docs); with ingress.tls.enabled, TLS from ingress.tls.secretName
(default "<fullname>-tls", e.g. made by cert-manager from ingress.annotations).
*/}}
{{- define "congress-common.ingress" -}}
{{- if .Values.ingress.enabled -}}
{{- $host := required (printf "%s.ingress.host is required when %s.ingress.enabled" .Chart.Name .Chart.Name) .Values.ingress.host -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "congress-common.fullname" . }}
  namespace: {{ include "congress-common.namespace" . }}
  labels:
    {{- include "congress-common.labels" . | nindent 4 }}
  {{- with .Values.ingress.annotations }}
  annotations:
    {{- tpl (toYaml .) $ | nindent 4 }}
  {{- end }}
spec:
  {{- with .Values.ingress.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- if .Values.ingress.tls.enabled }}
  tls:
    - hosts:
        - {{ $host | quote }}
      secretName: {{ .Values.ingress.tls.secretName | default (printf "%s-tls" (include "congress-common.fullname" .)) }}
  {{- end }}
  rules:
    - host: {{ $host | quote }}
      http:
        paths:
          - path: {{ .Values.ingress.path }}
            pathType: {{ .Values.ingress.pathType }}
            backend:
              service:
                name: {{ include "congress-common.fullname" . }}
                port:
                  name: http
{{- end -}}
{{- end -}}
