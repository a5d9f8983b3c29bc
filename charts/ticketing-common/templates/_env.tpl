{{/*
The app's environment. Plain settings come from .Values.config through the ConfigMap; tokens
only ever come from a Secret; NODE_OPTIONS sizes V8 for the container's memory limit.
*/}}

{{/*
One value as an environment variable carries it. Helm reads every YAML number as a float64 and
prints large ones as 8.64e+07, which no integer setting accepts; whole numbers are printed as
integers.
*/}}
{{- define "ticketing-common.envValue" -}}
{{- if and (kindIs "float64" .) (eq . (floor .)) -}}
{{- int64 . -}}
{{- else -}}
{{- toString . -}}
{{- end -}}
{{- end -}}

{{/* The ConfigMap of .Values.config: one key per environment variable. */}}
{{- define "ticketing-common.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "ticketing-common.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "ticketing-common.labels" . | nindent 4 }}
data:
  {{- range $variable, $value := .Values.config }}
  {{ $variable }}: {{ include "ticketing-common.envValue" $value | quote }}
  {{- end }}
{{- end -}}

{{/* A pod annotation that changes with the ConfigMap, so a config change rolls the pods. */}}
{{- define "ticketing-common.configChecksum" -}}
checksum/config: {{ include "ticketing-common.configMap" . | sha256sum }}
{{- end -}}

{{/* The container's envFrom: the ConfigMap. */}}
{{- define "ticketing-common.envFrom" -}}
- configMapRef:
    name: {{ include "ticketing-common.fullname" . }}
{{- end -}}

{{/*
The container's env: NODE_OPTIONS, SERVICE_AUTH_LOCAL_MODE when serviceIdentity.localMode asks for
it by name, one secretKeyRef per entry of .Values.credentials.keys (an entry with an empty key is
left out), then .Values.extraEnv.
*/}}
{{- define "ticketing-common.env" -}}
{{- with .Values.nodeOptions }}
- name: NODE_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- with .Values.serviceIdentity }}
{{- if .localMode }}
- name: SERVICE_AUTH_LOCAL_MODE
  value: "true"
{{- end }}
{{- end }}
{{- $secretName := include "ticketing-common.credentialsSecretName" . }}
{{- range $variable, $key := .Values.credentials.keys }}
{{- if $key }}
- name: {{ $variable }}
  valueFrom:
    secretKeyRef:
      name: {{ $secretName }}
      key: {{ $key }}
      optional: {{ $.Values.credentials.optional }}
{{- end }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}
