{{/*
The queue the worker consumes: `<RESOURCE_PREFIX>reservation-worker` (the worker resolves the
same name at boot). KEDA must watch this queue and no other.
*/}}
{{- define "reservation-worker.queueName" -}}
{{- printf "%sreservation-worker" (required "config.RESOURCE_PREFIX is required: it names the worker's queue" .Values.config.RESOURCE_PREFIX) -}}
{{- end -}}

{{/*
The queue KEDA watches: keda.sqs.queueURL, which must end in the worker's queue name, or the name
itself.
*/}}
{{- define "reservation-worker.kedaQueueURL" -}}
{{- $queueName := include "reservation-worker.queueName" . -}}
{{- with .Values.keda.sqs.queueURL -}}
{{- if not (hasSuffix (printf "/%s" $queueName) .) -}}
{{- fail (printf "keda.sqs.queueURL %q is not the worker's queue: it must end in /%s (RESOURCE_PREFIX + reservation-worker)" . $queueName) -}}
{{- end -}}
{{- . -}}
{{- else -}}
{{- $queueName -}}
{{- end -}}
{{- end -}}

