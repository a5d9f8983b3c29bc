{{/*
The ServiceAccount the pods run as. On EKS its eks.amazonaws.com/role-arn annotation (IRSA) gives
the pods their IAM role; the AWS SDK's default credential chain picks it up, so no AWS credential
is ever configuration.
*/}}
{{- define "ticketing-common.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "ticketing-common.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "ticketing-common.labels" . | nindent 4 }}
  {{- if or .Values.serviceAccount.roleArn .Values.serviceAccount.annotations }}
  annotations:
    {{- with .Values.serviceAccount.roleArn }}
    eks.amazonaws.com/role-arn: {{ . | quote }}
    {{- end }}
    {{- with .Values.serviceAccount.annotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
automountServiceAccountToken: false
{{- end -}}
