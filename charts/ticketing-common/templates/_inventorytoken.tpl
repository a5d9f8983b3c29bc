{{/*
The token a caller of the inventory presents (config.INVENTORY_TOKEN_FILE): a projected
ServiceAccount token of the release's ServiceAccount for `inventoryToken.audience`, which the
kubelet rotates in place. A directory mount, not subPath, so rotations reach the file. Nothing when
config.INVENTORY_TOKEN_FILE is empty (the static-token fallback).
*/}}
{{- define "ticketing-common.inventoryTokenVolume" -}}
{{- with .Values.config.INVENTORY_TOKEN_FILE }}
- name: inventory-token
  projected:
    sources:
      - serviceAccountToken:
          audience: {{ $.Values.inventoryToken.audience | quote }}
          expirationSeconds: {{ $.Values.inventoryToken.expirationSeconds }}
          path: {{ base . }}
{{- end }}
{{- end }}

{{- define "ticketing-common.inventoryTokenVolumeMount" -}}
{{- with .Values.config.INVENTORY_TOKEN_FILE }}
- name: inventory-token
  mountPath: {{ dir . }}
  readOnly: true
{{- end }}
{{- end }}
