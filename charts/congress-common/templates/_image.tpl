{{/*
The platform image. All services run one image; a service's own image.* (when not empty) wins
over global.image.* so that a single service can be pinned or patched.
*/}}

{{- define "congress-common.imageTag" -}}
{{- $global := (.Values.global).image | default dict -}}
{{- $own := .Values.image | default dict -}}
{{- $own.tag | default $global.tag | default .Chart.AppVersion | toString -}}
{{- end -}}

{{- define "congress-common.image" -}}
{{- $global := (.Values.global).image | default dict -}}
{{- $own := .Values.image | default dict -}}
{{- $repository := $own.repository | default $global.repository -}}
{{- if not $repository -}}
{{- fail (printf "%s: no image: set global.image.repository (the platform's image, e.g. registry.example.gov.cn/congress/platform)" .Chart.Name) -}}
{{- end -}}
{{- $digest := $own.digest | default $global.digest -}}
{{- if $digest -}}
{{- printf "%s@%s" $repository $digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (include "congress-common.imageTag" .) -}}
{{- end -}}
{{- end -}}

{{- define "congress-common.imagePullPolicy" -}}
{{- $global := (.Values.global).image | default dict -}}
{{- $own := .Values.image | default dict -}}
{{- $own.pullPolicy | default $global.pullPolicy | default "IfNotPresent" -}}
{{- end -}}

{{/* imagePullSecrets: global.image.pullSecrets then image.pullSecrets, as names or {name: ...}. */}}
{{- define "congress-common.imagePullSecrets" -}}
{{- $secrets := list -}}
{{- range (concat (((.Values.global).image).pullSecrets | default list) ((.Values.image).pullSecrets | default list)) -}}
{{- if kindIs "map" . -}}
{{- $secrets = append $secrets .name -}}
{{- else -}}
{{- $secrets = append $secrets . -}}
{{- end -}}
{{- end -}}
{{- if $secrets -}}
imagePullSecrets:
{{- range ($secrets | uniq) }}
  - name: {{ . }}
{{- end }}
{{- end -}}
{{- end -}}
