import { errorCatalogue, httpStatusByKind, type ErrorCode } from '@ticketing/errors';
import Type, { type TSchema } from 'typebox';

/** Answers any route can give: a malformed request, a backend down or slow, a bug. */
export const everyRouteErrors: readonly ErrorCode[] = ['VALIDATION_FAILED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'INTERNAL'];

/** Answers of every route behind a user's token and the per-user rate limit. */
export const userRouteErrors: readonly ErrorCode[] = [...everyRouteErrors, 'UNAUTHENTICATED', 'RATE_LIMITED'];

/** Answers of every internal route (the worker's): its service token, an Idempotency-Key on POSTs. */
export const internalRouteErrors: readonly ErrorCode[] = [...everyRouteErrors, 'UNAUTHENTICATED', 'FORBIDDEN'];

/** Answers of every POST that runs once per Idempotency-Key. */
export const idempotentPostErrors: readonly ErrorCode[] = ['IDEMPOTENCY_REQUIRED', 'IDEMPOTENCY_CONFLICT', 'IDEMPOTENCY_IN_PROGRESS'];

/**
 * The error responses of an operation for the OpenAPI document, one per HTTP status its `codes`
 * map to: the one error body, its `code` narrowed to exactly those codes, each described. So the
 * document lists every status an operation can answer and a client can switch on the codes.
 *
 * @example
 * response: { 200: reservationSchema, ...errorResponses(userRouteErrors, ['NOT_FOUND']) }
 */
export function errorResponses(...codeLists: readonly (readonly ErrorCode[])[]): Record<number, TSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codeLists.flat())) {
    const status = httpStatusByKind[errorCatalogue[code].kind];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].sort(([a], [b]) => a - b).map(([status, codes]) => [status, errorBodyOf(codes)]),
  );
}

function errorBodyOf(codes: readonly ErrorCode[]): TSchema {
  return Type.Object(
    {
      error: Type.Object(
        {
          code: Type.Union(
            codes.map((code) => Type.Literal(code)),
            { description: 'machine-readable; clients branch on it' },
          ),
          message: Type.String({ description: 'for people; never parse it' }),
          trace_id: Type.String({ description: 'the trace (or request) id to quote to support' }),
        },
        { additionalProperties: false },
      ),
    },
    {
      additionalProperties: false,
      description: codes.map((code) => `${code}: ${errorCatalogue[code].description}`).join(' '),
    },
  );
}
