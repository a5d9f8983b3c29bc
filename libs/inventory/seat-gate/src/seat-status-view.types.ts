import type { SeatStatus } from '@ticketing/inventory-domain';

/**
 * A seat's status as the view holds it. A HELD seat whose `holdExpiresAt` has passed is effectively
 * AVAILABLE (expiry is lazy, DESIGN.md point 3); the view reports what was stored, the caller
 * applies the clock.
 */
export interface ViewedSeatStatus {
  readonly status: SeatStatus;
  /** DynamoDB's `version` of the seat; grows by one on every change. */
  readonly version: number;
  /** Only for HELD seats. */
  readonly holdExpiresAt?: Date | undefined;
}

/** A seat's status to write into the view; a DynamoDB `SeatState` fits as is. */
export interface SeatStatusUpdate extends ViewedSeatStatus {
  readonly seatId: string;
}

/** Construction options of `SeatStatusView`. */
export interface SeatStatusViewOptions {
  /** Prepended to every key, before the hash tag; must not contain a brace. Default: none. */
  readonly keyPrefix?: string;
  /**
   * Every write pushes the section hash's expiry to this (default 24 h), so views of past events
   * are reclaimed. Must be at least any `readyTtlMs` given to `rebuild`, so the hash outlives its
   * readiness marker.
   */
  readonly viewTtlMs?: number;
  /** Updates per Lua call (default 1,000), so one call never blocks Redis for long. */
  readonly chunkSize?: number;
}
