import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, isErrorCode } from './error-catalogue';
import { grpcStatusByKind, httpStatusByKind } from './transport-status';

const grpcStatusNames: Record<number, string> = {
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  16: 'UNAUTHENTICATED',
};

/** The README's error table as it must read, generated from the catalogue. */
function expectedReadmeTable(): string {
  const rows = Object.entries(errorCatalogue).map(
    ([code, { kind, description }]) =>
      `| \`${code}\` | ${httpStatusByKind[kind]} | ${grpcStatusNames[grpcStatusByKind[kind]]} | ${description} |`,
  );
  return ['| code | HTTP | gRPC | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

describe('error catalogue', () => {
  it('is documented in the README exactly as the code defines it', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const documented = /<!-- error-codes:start -->\n([\s\S]*?)\n<!-- error-codes:end -->/.exec(readme)?.[1];
    // On failure, paste the expected table between the README's error-codes markers.
    expect(documented).toBe(expectedReadmeTable());
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
