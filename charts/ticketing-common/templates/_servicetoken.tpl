{{/*
A projected ServiceAccount token of the release's ServiceAccount for one audience, which the kubelet
rotates in place (the services re-read the file when it changes). A directory mount, not subPath,
so rotations reach the file. Call with (dict "name" <volume name> "file" <the token file's path;
empty renders nothing> "token" <values with audience and expirationSeconds>).
*/}}
{{- define "ticketing-common.serviceTokenVolume" -}}
{{- if .file }}
- name: {{ .name }}
  projected:
    sources:
      - serviceAccountToken:
          audience: {{ .token.audience | quote }}
          expirationSeconds: {{ .token.expirationSeconds }}
          path: {{ base .file }}
{{- end }}
{{- end }}

{{- define "ticketing-common.serviceTokenVolumeMount" -}}
{{- if .file }}
- name: {{ .name }}
  mountPath: {{ dir .file }}
  readOnly: true
{{- end }}
{{- end }}

{{/*
The token a caller of the inventory presents (config.INVENTORY_TOKEN_FILE, `inventoryToken`).
Nothing when config.INVENTORY_TOKEN_FILE is empty (the static-token fallback).
*/}}
{{- define "ticketing-common.inventoryTokenVolume" -}}
{{- include "ticketing-common.serviceTokenVolume" (dict "name" "inventory-token" "file" .Values.config.INVENTORY_TOKEN_FILE "token" .Values.inventoryToken) }}
{{- end }}

{{- define "ticketing-common.inventoryTokenVolumeMount" -}}
{{- include "ticketing-common.serviceTokenVolumeMount" (dict "name" "inventory-token" "file" .Values.config.INVENTORY_TOKEN_FILE) }}
{{- end }}
