{{/*
Labels. Selector labels never change over a release's life (a Deployment's selector is
immutable); the others may.
*/}}

{{- define "ticketing-common.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ticketing-common.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "ticketing-common.labels" -}}
helm.sh/chart: {{ include "ticketing-common.chart" . }}
{{ include "ticketing-common.selectorLabels" . }}
app.kubernetes.io/version: {{ include "ticketing-common.imageTag" . | trunc 63 | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ticketing
{{- end -}}
