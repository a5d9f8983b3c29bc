import { trace } from '@opentelemetry/api';
import { errorCatalogue, httpStatusByKind, TicketingError, type ErrorCode } from '@ticketing/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The one error body every endpoint answers with. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly trace_id: string };
}

/**
 * The single place that turns errors into HTTP responses: catalogue errors by their kind,
 * Fastify's schema validation as VALIDATION_FAILED naming the field, unknown routes as NOT_FOUND,
 * and anything unexpected as a bare 500 INTERNAL (logged in full, never shown).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | TicketingError, request, reply) => {
    if (error instanceof TicketingError) {
      if (error.kind === 'internal' || error.kind === 'unavailable' || error.kind === 'timeout') {
        request.log.error({ err: error }, 'request failed');
      }
      const { retryAfterSeconds } = error.details as { retryAfterSeconds?: number };
      return sendError(request, reply, error.code, error.message, retryAfterSeconds);
    }
    if (error.validation) {
      const issue = error.validation[0];
      const field = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') || error.validationContext;
      return sendError(request, reply, 'VALIDATION_FAILED', `${field ?? 'request'} ${issue?.message ?? 'is invalid'}`);
    }
    if (error.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED', 'Too many requests.');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(request, reply, 'VALIDATION_FAILED', error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, 'INTERNAL', 'Internal error.');
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`),
  );
}

function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, message: string, retryAfterSeconds?: number) {
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(httpStatusOf(code)).send(errorBody(code, message, traceIdOf(request)));
}

/** The HTTP status of a catalogue code. */
export function httpStatusOf(code: ErrorCode): number {
  return httpStatusByKind[errorCatalogue[code].kind];
}

/** The one error body shape. */
export function errorBody(code: ErrorCode, message: string, traceId: string): ErrorBody {
  return { error: { code, message, trace_id: traceId } };
}

/** The active trace id when tracing is on; the request id otherwise, so support can still find logs. */
export function traceIdOf(request: FastifyRequest): string {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : String(request.id);
}
