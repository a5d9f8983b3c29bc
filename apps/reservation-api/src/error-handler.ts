import { trace } from '@opentelemetry/api';
import { errorCatalogue, httpStatusByKind, TicketingError, type ErrorCode } from '@ticketing/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RouteMethods } from './http/route-methods';

/** The one error body every endpoint answers with. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly trace_id: string };
}

/**
 * The single place that turns errors into HTTP responses: catalogue errors by their kind,
 * Fastify's schema validation as VALIDATION_FAILED naming the field (a missing Idempotency-Key as
 * IDEMPOTENCY_REQUIRED), unknown paths as NOT_FOUND, a known path with another method as
 * METHOD_NOT_ALLOWED with `Allow`, and anything unexpected as a bare 500 INTERNAL (logged in full,
 * never shown). Install it before any route, so it learns every route's methods.
 */
export function installErrorHandler(app: FastifyInstance): void {
  const routeMethods = new RouteMethods();
  routeMethods.track(app);
  const answerUnrouted = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = routeMethods.allowedFor(path);
    if (allowed.length === 0) return sendError(request, reply, 'NOT_FOUND', `No route ${request.method} ${path}.`);
    reply.header('allow', allowed.join(', '));
    return sendError(request, reply, 'METHOD_NOT_ALLOWED', `${path} answers ${allowed.join(', ')}, not ${request.method}.`);
  };

  app.setErrorHandler((error: FastifyError | TicketingError, request, reply) => {
    // Fastify may refuse a request for no route (e.g. a body method without Content-Type) before
    // the not-found handler runs: the answer is still about the route.
    if (request.is404) return answerUnrouted(request, reply);
    if (error instanceof TicketingError) {
      if (error.kind === 'internal' || error.kind === 'unavailable' || error.kind === 'timeout') {
        request.log.error({ err: error }, 'request failed');
      }
      const { retryAfterSeconds } = error.details as { retryAfterSeconds?: number };
      return sendError(request, reply, error.code, error.message, retryAfterSeconds);
    }
    if (error.validation) {
      const issue = error.validation[0];
      if (error.validationContext === 'headers' && issue?.keyword === 'required' && issue.params['missingProperty'] === 'idempotency-key') {
        return sendError(request, reply, 'IDEMPOTENCY_REQUIRED', 'POST requests need an Idempotency-Key header.');
      }
      const field = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') || error.validationContext;
      return sendError(request, reply, 'VALIDATION_FAILED', ruleOf(issue) ?? `${field ?? 'request'} ${issue?.message ?? 'is invalid'}`);
    }
    if (error.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED', 'Too many requests.');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(request, reply, 'VALIDATION_FAILED', error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, 'INTERNAL', 'Internal error.');
  });

  app.setNotFoundHandler(answerUnrouted);
}

/**
 * A combination rule (`anyOf`, `not`, …) has no message of its own worth reading ("must match a
 * schema in anyOf"): its schema's description states the rule, naming the fields, instead.
 */
function ruleOf(issue: { keyword: string; parentSchema?: unknown } | undefined): string | undefined {
  const described = (issue?.parentSchema as { description?: unknown } | undefined)?.description;
  return issue && ['anyOf', 'oneOf', 'not', 'if'].includes(issue.keyword) && typeof described === 'string' ? described : undefined;
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
