import { invalidField } from './inventory.errors';

/** How long holds last: the default when a request names no ttl, and the bounds a request is clamped to. */
export interface HoldTtlBounds {
  readonly defaultMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * Whether `0 < minMs <= defaultMs <= maxMs` (all integers). The configuration check, made once at
 * boot so a bad setting fails the service, not a customer's request; {@link resolveHoldTtl} then
 * trusts the bounds.
 */
export function holdTtlBoundsAreConsistent(bounds: HoldTtlBounds): boolean {
  const { defaultMs, minMs, maxMs } = bounds;
  return [defaultMs, minMs, maxMs].every((value) => Number.isSafeInteger(value)) && minMs > 0 && minMs <= defaultMs && defaultMs <= maxMs;
}

/**
 * The ttl a new hold gets, in whole milliseconds: the default when none was requested, else the
 * request clamped to the bounds (HoldSeats promises clamping, so a client asking for an hour
 * gets the maximum rather than an error). Zero or negative is a client mistake: VALIDATION_FAILED
 * on field `ttl`.
 *
 * @example
 * resolveHoldTtl(undefined, { defaultMs: 600_000, minMs: 60_000, maxMs: 900_000 }); // 600_000
 * resolveHoldTtl(3_600_000, { defaultMs: 600_000, minMs: 60_000, maxMs: 900_000 }); // 900_000
 */
export function resolveHoldTtl(requestedMs: number | undefined, bounds: HoldTtlBounds): number {
  if (requestedMs === undefined) {
    return bounds.defaultMs;
  }
  if (Number.isNaN(requestedMs) || requestedMs <= 0) {
    throw invalidField('ttl', 'must be a positive duration');
  }
  // Rounded up: a Duration may carry nanoseconds, and a hold never ends earlier than asked.
  return Math.min(bounds.maxMs, Math.max(bounds.minMs, Math.ceil(requestedMs)));
}
