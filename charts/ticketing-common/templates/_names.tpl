{{/*
Names of the resources a ticketing chart renders. Kubernetes names are DNS labels: at most 63
characters, so every name is cut there.
*/}}

{{/* The chart's name, or .Values.nameOverride. */}}
{{- define "ticketing-common.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The name of every resource of a release: .Values.fullnameOverride, else the release name when it
already contains the chart name (`helm install inventory charts/inventory` gives `inventory`, the
address the other charts' defaults use), else `<release>-<chart>`.
*/}}
{{- define "ticketing-common.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* `<chart>-<version>`, for the helm.sh/chart label. */}}
{{- define "ticketing-common.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The ServiceAccount the pods run as: the chart's own, or an existing one by name. */}}
{{- define "ticketing-common.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "ticketing-common.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false (the pods need the IRSA role of an existing ServiceAccount)" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the app's credentials (tokens): .Values.credentials.secretName or `<fullname>-credentials`. */}}
{{- define "ticketing-common.credentialsSecretName" -}}
{{- default (printf "%s-credentials" (include "ticketing-common.fullname" .)) .Values.credentials.secretName -}}
{{- end -}}
