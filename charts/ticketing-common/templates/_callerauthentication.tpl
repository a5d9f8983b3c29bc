{{/*
Fails the render of a service that other services call (the inventory, the reservation API's
internal endpoints) when its pods could not know their callers, so a release never installs pods
that refuse to start or, worse, admit anyone:
- service-account mode (the default) needs the cluster's issuer: config.SERVICE_TOKEN_ISSUER and
  config.SERVICE_TOKEN_JWKS_URL;
- the static-token fallback needs its token from a Secret the pods cannot start without
  (credentials.optional=false and the key set).
serviceIdentity.localMode=true, asked for by name and never a default, skips the check and sets
SERVICE_AUTH_LOCAL_MODE (see ticketing-common.env): a throwaway cluster without an issuer only.
Call with (dict "Values" .Values "staticTokenVariable" <the fallback's variable>).
*/}}
{{- define "ticketing-common.requireCallerAuthentication" -}}
{{- $config := .Values.config }}
{{- if not .Values.serviceIdentity.localMode }}
{{- if eq (toString $config.SERVICE_AUTH_MODE) "static-token" }}
{{- if or .Values.credentials.optional (not (index .Values.credentials.keys .staticTokenVariable)) }}
{{- fail (printf "config.SERVICE_AUTH_MODE=static-token needs %s from the Secret: set credentials.optional=false and credentials.keys.%s, or use service-account mode (serviceIdentity.localMode=true admits unauthenticated callers and is for a throwaway cluster only)" .staticTokenVariable .staticTokenVariable) }}
{{- end }}
{{- else }}
{{- range $variable := list "SERVICE_TOKEN_ISSUER" "SERVICE_TOKEN_JWKS_URL" }}
{{- if not (index $config $variable) }}
{{- fail (printf "config.%s is required: callers are authenticated with service-account tokens of the cluster's OIDC issuer (on EKS: aws eks describe-cluster --query cluster.identity.oidc.issuer; its key set is the issuer + /keys). serviceIdentity.localMode=true skips this for a throwaway cluster only" $variable) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}
