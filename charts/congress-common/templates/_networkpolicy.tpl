{{/*
The NetworkPolicy of one service, when global.networkPolicy.enabled. It limits traffic INTO the
service's pods to its HTTP port, from:
  - the pods of the same release (the helm test pod among them);
  - for the gateway (ingress.enabled or networkPolicy.allowIngressController): the ingress
    controller's namespace (global.networkPolicy.ingressControllerNamespace), optionally only
    its pods matching global.networkPolicy.ingressControllerPodLabels;
  - networkPolicy.extraIngressFrom (e.g. a monitoring namespace).
Egress is not restricted (Postgres, NATS, Keycloak, DNS and the OTLP collector live elsewhere).
Kubelet probes come from the node and are allowed by common CNIs (Calico, Cilium) without a rule.
*/}}
{{- define "congress-common.networkpolicy" -}}
{{- $global := (.Values.global).networkPolicy | default dict -}}
{{- if $global.enabled -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "congress-common.fullname" . }}
  namespace: {{ include "congress-common.namespace" . }}
  labels:
    {{- include "congress-common.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "congress-common.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
  ingress:
    - ports:
        - port: http
          protocol: TCP
      from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/instance: {{ .Release.Name }}
        {{- if .Values.networkPolicy.allowIngressController }}
        {{- $namespace := required "global.networkPolicy.ingressControllerNamespace is required when the gateway's NetworkPolicy admits the ingress controller" $global.ingressControllerNamespace }}
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ $namespace }}
          {{- with $global.ingressControllerPodLabels }}
          podSelector:
            matchLabels:
              {{- toYaml . | nindent 14 }}
          {{- end }}
        {{- end }}
        {{- with .Values.networkPolicy.extraIngressFrom }}
        {{- tpl (toYaml .) $ | nindent 8 }}
        {{- end }}
{{- end -}}
{{- end -}}
