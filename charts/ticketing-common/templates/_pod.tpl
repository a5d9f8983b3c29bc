{{/*
Pod settings every ticketing app shares. The hardening is not configurable: the images run
`node main.mjs` as an unprivileged user and write only to /tmp.
*/}}

{{/* Pod annotations: the config checksum, Prometheus scrape hints, then .Values.podAnnotations. */}}
{{- define "ticketing-common.podAnnotations" -}}
{{ include "ticketing-common.configChecksum" . }}
{{- if .Values.metrics.scrapeAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ include "ticketing-common.envValue" .Values.config.HTTP_PORT | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- with .Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Pod labels: the chart's labels, then .Values.podLabels. */}}
{{- define "ticketing-common.podLabels" -}}
{{ include "ticketing-common.labels" . }}
{{- with .Values.podLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "ticketing-common.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "ticketing-common.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
privileged: false
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
Spread replicas over zones and nodes. matchLabelKeys keeps the spread per rollout (old and new
ReplicaSets are counted apart).
*/}}
{{- define "ticketing-common.topologySpreadConstraints" -}}
{{- range .Values.topologySpread.topologyKeys }}
- maxSkew: {{ $.Values.topologySpread.maxSkew }}
  topologyKey: {{ . }}
  whenUnsatisfiable: {{ $.Values.topologySpread.whenUnsatisfiable }}
  labelSelector:
    matchLabels:
      {{- include "ticketing-common.selectorLabels" $ | nindent 6 }}
  matchLabelKeys:
    - pod-template-hash
{{- end }}
{{- end -}}

{{/*
The pod spec fields outside the containers and volumes: identity, security, scheduling. The
Kubernetes API token is not mounted (the apps never call the API server); IRSA's web identity
token is projected by the EKS webhook independently of it.
*/}}
{{- define "ticketing-common.podSpec" -}}
serviceAccountName: {{ include "ticketing-common.serviceAccountName" . }}
automountServiceAccountToken: false
enableServiceLinks: false
terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
securityContext:
  {{- include "ticketing-common.podSecurityContext" . | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if .Values.topologySpread.enabled }}
topologySpreadConstraints:
  {{- include "ticketing-common.topologySpreadConstraints" . | trim | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The writable /tmp of a read-only root filesystem. */}}
{{- define "ticketing-common.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
{{- end -}}

{{- define "ticketing-common.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}
