{{/*
A Prometheus Operator ServiceMonitor for /metrics on the Service's `http` port (every ticketing
app serves /metrics on its HTTP_PORT).
*/}}
{{- define "ticketing-common.serviceMonitor" -}}
{{- $serviceMonitor := .Values.metrics.serviceMonitor -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "ticketing-common.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "ticketing-common.labels" . | nindent 4 }}
    {{- with $serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "ticketing-common.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /metrics
      interval: {{ $serviceMonitor.interval }}
      scrapeTimeout: {{ $serviceMonitor.scrapeTimeout }}
{{- end -}}
