{{/*
The parts of each app's NetworkPolicy. Ingress only; the kubelet's probes come from the node, which
CNIs that enforce NetworkPolicies admit (the VPC CNI, Calico and Cilium do).
*/}}

{{- define "ticketing-common.networkPolicyMetadata" -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "ticketing-common.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "ticketing-common.labels" . | nindent 4 }}
{{- end }}

{{- define "ticketing-common.networkPolicyPodSelector" -}}
podSelector:
  matchLabels:
    {{- include "ticketing-common.selectorLabels" . | nindent 4 }}
policyTypes:
  - Ingress
{{- end }}

{{/*
/health, /ready and /metrics on the HTTP port: scraped from the namespaces of
networkPolicy.metricsNamespaceSelector. Call with (dict "port" <number> "values" .Values).
*/}}
{{- define "ticketing-common.metricsIngressRule" -}}
- from:
    - namespaceSelector:
        matchLabels:
          {{- toYaml .values.networkPolicy.metricsNamespaceSelector | nindent 10 }}
  ports:
    - port: {{ .port }}
      protocol: TCP
{{- end }}
