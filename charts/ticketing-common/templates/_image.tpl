{{/* The image tag: .Values.image.tag, or the chart's appVersion. */}}
{{- define "ticketing-common.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag | toString -}}
{{- end -}}

{{/*
The container image: `<registry>/<repository>:<tag>`, or `…@<digest>` when a digest pins it
(the digest wins over the tag).
*/}}
{{- define "ticketing-common.image" -}}
{{- $repository := .Values.image.repository -}}
{{- if .Values.image.registry -}}
{{- $repository = printf "%s/%s" .Values.image.registry .Values.image.repository -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (include "ticketing-common.imageTag" .) -}}
{{- end -}}
{{- end -}}
