/**
 * Whether a response with this HTTP status is a FINAL outcome of an idempotent request, to be
 * stored and replayed (DESIGN.md: "5xx/409/429 outcomes are not stored as final"). A 5xx may
 * succeed on retry, a 409 is a race that a retry may win or see resolved, a 429 is "not now". For
 * those the caller releases the claim instead, so the client may retry with the same key.
 *
 * @example
 * if (isFinalStatusCode(reply.statusCode)) await idempotency.complete({ ...claim, response, now });
 * else await idempotency.release(claim);
 */
export function isFinalStatusCode(statusCode: number): boolean {
  return Number.isInteger(statusCode) && statusCode >= 100 && statusCode < 500 && statusCode !== 409 && statusCode !== 429;
}
