import { timingSafeEqual } from 'node:crypto';

/** The token of an `authorization: Bearer <token>` value (an HTTP header or gRPC metadata); undefined for anything else. */
export function bearerTokenOf(authorization: unknown): string | undefined {
  const match = typeof authorization === 'string' ? /^Bearer (.+)$/i.exec(authorization) : null;
  return match?.[1];
}

/** Compares a presented static token with the configured one in constant time. */
export function isSameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
