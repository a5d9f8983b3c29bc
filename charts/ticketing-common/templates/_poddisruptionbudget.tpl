{{/*
Keeps voluntary disruptions (node drains, upgrades) from taking too many replicas at once.
unhealthyPodEvictionPolicy AlwaysAllow lets a drain evict pods that are not ready anyway (e.g.
during a DynamoDB outage every pod is unready, and the budget must not block the drain).
*/}}
{{- define "ticketing-common.podDisruptionBudget" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "ticketing-common.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "ticketing-common.labels" . | nindent 4 }}
spec:
  {{- if ne (toString .Values.pdb.minAvailable) "" }}
  minAvailable: {{ .Values.pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ .Values.pdb.maxUnavailable }}
  {{- end }}
  unhealthyPodEvictionPolicy: {{ .Values.pdb.unhealthyPodEvictionPolicy }}
  selector:
    matchLabels:
      {{- include "ticketing-common.selectorLabels" . | nindent 6 }}
{{- end -}}
