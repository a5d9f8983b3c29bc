import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, isErrorCode } from './error-catalogue';
import { grpcStatusNames, renderErrorCodeTable } from './error-code-table';
import { grpcStatusByKind, httpStatusByKind } from './transport-status';

describe('error catalogue', () => {
  it('is documented in docs/reference exactly as the code defines it', () => {
    const reference = readFileSync(new URL('../../../../docs/reference/error-codes.md', import.meta.url), 'utf8');
    const documented = /<!-- error-codes:start -->\n([\s\S]*?)\n<!-- error-codes:end -->/.exec(reference)?.[1];
    // On failure: npm run docs:generate.
    expect(documented).toBe(renderErrorCodeTable());
  });

  it('maps every kind to an HTTP status and a named gRPC status code', () => {
    for (const { kind } of Object.values(errorCatalogue)) {
      expect(httpStatusByKind[kind]).toBeGreaterThanOrEqual(400);
      expect(grpcStatusNames[grpcStatusByKind[kind]]).toBeDefined();
    }
  });

  it('uses the statuses DESIGN.md fixes for the client-facing codes', () => {
    const statusOf = (code: keyof typeof errorCatalogue) => httpStatusByKind[errorCatalogue[code].kind];
    expect(statusOf('UNAUTHENTICATED')).toBe(401);
    expect(statusOf('FORBIDDEN')).toBe(403);
    expect(statusOf('RATE_LIMITED')).toBe(429);
    expect(statusOf('IDEMPOTENCY_REQUIRED')).toBe(400);
    expect(statusOf('IDEMPOTENCY_CONFLICT')).toBe(409);
    expect(statusOf('RESERVATION_EXPIRED')).toBe(409);
    expect(statusOf('PAYMENT_NOT_APPROVED')).toBe(412);
    expect(statusOf('INVENTORY_CONFLICT')).toBe(409);
    expect(statusOf('UPSTREAM_TIMEOUT')).toBe(504);
    expect(statusOf('VALIDATION_FAILED')).toBe(400);
    expect(statusOf('NOT_FOUND')).toBe(404);
    expect(statusOf('UPSTREAM_UNAVAILABLE')).toBe(503);
  });

  it('recognises catalogue codes and nothing else', () => {
    expect(isErrorCode('INVENTORY_CONFLICT')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('SEAT_GONE')).toBe(false);
  });
});
