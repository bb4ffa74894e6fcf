{{/*
The Deployment of one service.
Takes (dict "context" . "extraEnv" <optional YAML list of env entries the service adds>).

The pod runs `node dist/apps/<chart name>/src/main.js` from the platform image, listens on
.Values.port for /health (liveness, startup) and /ready (readiness: 503 while draining or while
Postgres or NATS are unreachable), runs its own migrations at start under an advisory lock, and
on SIGTERM drains NATS and finishes in-flight work within SHUTDOWN_TIMEOUT_MS.
*/}}
{{- define "congress-common.deployment" -}}
{{- $ctx := .context -}}
{{- $v := $ctx.Values -}}
{{- include "congress-common.validate" $ctx -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "congress-common.fullname" $ctx }}
  namespace: {{ include "congress-common.namespace" $ctx }}
  labels:
    {{- include "congress-common.labels" $ctx | nindent 4 }}
  {{- with $v.deploymentAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicaCount | int64 }}
  {{- end }}
  revisionHistoryLimit: {{ $v.revisionHistoryLimit | int64 }}
  {{- with $v.updateStrategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "congress-common.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "congress-common.labels" $ctx | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $v.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "congress-common.serviceAccountName" $ctx }}
      automountServiceAccountToken: {{ $v.serviceAccount.automountServiceAccountToken }}
      # No Docker-link style variables (GATEWAY_PORT=tcp://...) in the environment.
      enableServiceLinks: false
      {{- with (include "congress-common.imagePullSecrets" $ctx) }}
      {{- . | nindent 6 }}
      {{- end }}
      {{- with $v.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds | int64 }}
      {{- with $v.podSecurityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with (include "congress-common.affinity" $ctx | trim) }}
      affinity:
        {{- . | nindent 8 }}
      {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with (include "congress-common.topologySpreadConstraints" $ctx | trim) }}
      topologySpreadConstraints:
        {{- . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ $ctx.Chart.Name }}
          image: {{ include "congress-common.image" $ctx | quote }}
          imagePullPolicy: {{ include "congress-common.imagePullPolicy" $ctx }}
          command:
            {{- if $v.command }}
            {{- toYaml $v.command | nindent 12 }}
            {{- else }}
            - node
            - dist/apps/{{ $ctx.Chart.Name }}/src/main.js
            {{- end }}
          {{- with $v.args }}
          args:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          env:
            {{- include "congress-common.env" $ctx | nindent 12 }}
            {{- with .extraEnv }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with $v.extraEnv }}
            {{- tpl (toYaml .) $ctx | nindent 12 }}
            {{- end }}
          {{- with $v.extraEnvFrom }}
          envFrom:
            {{- tpl (toYaml .) $ctx | nindent 12 }}
          {{- end }}
          ports:
            - name: http
              containerPort: {{ $v.port | int64 }}
              protocol: TCP
          {{- if $v.startupProbe.enabled }}
          startupProbe:
            httpGet:
              path: /health
              port: http
            {{- include "congress-common.probeTimings" $v.startupProbe | trim | nindent 12 }}
          {{- end }}
          {{- if $v.livenessProbe.enabled }}
          livenessProbe:
            httpGet:
              path: /health
              port: http
            {{- include "congress-common.probeTimings" $v.livenessProbe | trim | nindent 12 }}
          {{- end }}
          {{- if $v.readinessProbe.enabled }}
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            {{- include "congress-common.probeTimings" $v.readinessProbe | trim | nindent 12 }}
          {{- end }}
          {{- if $v.preStopSleepSeconds }}
          lifecycle:
            preStop:
              # Keeps serving while the endpoint removal reaches every proxy, then SIGTERM.
              exec:
                command: ["sleep", {{ $v.preStopSleepSeconds | int64 | quote }}]
          {{- end }}
          {{- with $v.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- with $v.containerSecurityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          volumeMounts:
            # The root filesystem is read-only; /tmp is the only place the process may write.
            - name: tmp
              mountPath: /tmp
            - name: nats-credentials
              mountPath: /etc/congress/nats
              readOnly: true
            {{- if include "congress-common.natsTls" $ctx }}
            - name: nats-tls
              mountPath: /etc/congress/nats-tls
              readOnly: true
            {{- end }}
            {{- with $v.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $v.tmpSizeLimit | default "64Mi" }}
        - name: nats-credentials
          secret:
            secretName: {{ include "congress-common.natsCredentialsSecretName" $ctx }}
            defaultMode: 0440
            items:
              - key: {{ ($v.nats).credentialsSecretKey | default $ctx.Chart.Name }}
                path: nats.creds
        {{- with include "congress-common.natsTls" $ctx }}
        - name: nats-tls
          secret:
            secretName: {{ . }}
            defaultMode: 0440
        {{- end }}
        {{- with $v.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
{{- end -}}

{{/* The timings of a probe (its values block less `enabled`). */}}
{{- define "congress-common.probeTimings" -}}
{{- $timings := omit . "enabled" -}}
{{- range $key := list "initialDelaySeconds" "periodSeconds" "timeoutSeconds" "successThreshold" "failureThreshold" }}
{{- if hasKey $timings $key }}
{{ $key }}: {{ index $timings $key | int64 }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
Pod affinity: `affinity` when set, else the podAntiAffinityPreset (soft: prefer one pod per node;
hard: require it) plus the nodeAffinityPreset.
*/}}
{{- define "congress-common.affinity" -}}
{{- if .Values.affinity -}}
{{- tpl (toYaml .Values.affinity) . -}}
{{- else -}}
{{- $selector := include "congress-common.selectorLabels" . -}}
{{- if eq .Values.podAntiAffinityPreset "soft" }}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- $selector | nindent 12 }}
{{- else if eq .Values.podAntiAffinityPreset "hard" }}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - topologyKey: kubernetes.io/hostname
      labelSelector:
        matchLabels:
          {{- $selector | nindent 10 }}
{{- end }}
{{- end -}}
{{- end -}}

{{/*
topologySpreadConstraints as given, each completed with a labelSelector on the service's pods
when it has none.
*/}}
{{- define "congress-common.topologySpreadConstraints" -}}
{{- $selector := dict "matchLabels" (fromYaml (include "congress-common.selectorLabels" .)) -}}
{{- range .Values.topologySpreadConstraints }}
- {{ toYaml (merge (deepCopy .) (dict "labelSelector" $selector)) | indent 2 | trim }}
{{- end }}
{{- end -}}
