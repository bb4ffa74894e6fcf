{{/*
Names and labels shared by every chart of the platform.
All defines take the chart context (the `.` of a template) unless said otherwise.
*/}}

{{/* The chart's name, or nameOverride. */}}
{{- define "congress-common.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The full name of a chart's objects: fullnameOverride, else "<release>-<name>" (the release name
alone when it already contains the name), at most 63 characters.
*/}}
{{- define "congress-common.fullname" -}}
{{- include "congress-common.fullnameOf" (dict "release" .Release.Name "chart" .Chart.Name "values" .Values) -}}
{{- end -}}

{{/*
The full name another chart of the release gives its objects, so that the umbrella chart can
name the gateway's Service. Takes (dict "release" <release name> "chart" <chart name> "values" <that chart's values>).
*/}}
{{- define "congress-common.fullnameOf" -}}
{{- $values := .values | default dict -}}
{{- if $values.fullnameOverride -}}
{{- $values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .chart $values.nameOverride -}}
{{- if contains $name .release -}}
{{- .release | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .release $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* "<chart>-<version>" for the helm.sh/chart label. */}}
{{- define "congress-common.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The namespace of the release (namespaceOverride is not offered: one release, one namespace). */}}
{{- define "congress-common.namespace" -}}
{{- .Release.Namespace -}}
{{- end -}}

{{/*
The labels that select a service's pods. They never change for the life of a Deployment
(a Deployment's selector is immutable), so they hold no version.
*/}}
{{- define "congress-common.selectorLabels" -}}
app.kubernetes.io/name: {{ include "congress-common.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
The labels of every object: the selector labels, the version of the code that runs, the chart,
the platform, and global.commonLabels then commonLabels (a service's own win).
*/}}
{{- define "congress-common.labels" -}}
{{- $custom := merge (dict) (.Values.commonLabels | default dict) ((.Values.global).commonLabels | default dict) -}}
{{- range $key := list "app.kubernetes.io/name" "app.kubernetes.io/instance" "app.kubernetes.io/version" "app.kubernetes.io/managed-by" "app.kubernetes.io/part-of" "app.kubernetes.io/component" "helm.sh/chart" -}}
{{- $_ := unset $custom $key -}}
{{- end -}}
helm.sh/chart: {{ include "congress-common.chart" . }}
{{ include "congress-common.selectorLabels" . }}
app.kubernetes.io/version: {{ include "congress-common.versionLabel" . | quote }}
app.kubernetes.io/component: {{ .Chart.Name }}
app.kubernetes.io/part-of: congress-platform
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with $custom }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The version label: the image tag that runs (a valid label value), else appVersion. */}}
{{- define "congress-common.versionLabel" -}}
{{- $tag := include "congress-common.imageTag" . -}}
{{- $clean := regexReplaceAll "[^-A-Za-z0-9_.]" $tag "_" | trunc 63 | trimAll "-_." -}}
{{- default .Chart.AppVersion $clean -}}
{{- end -}}

{{/* The ServiceAccount the pods run as. */}}
{{- define "congress-common.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "congress-common.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}
