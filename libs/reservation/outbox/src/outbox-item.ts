import type { OutboxEvent } from '@ticketing/reservation-domain';

/**
 * Where an outbox item is in its life: PENDING until a relay published it (PUBLISHED, then expires)
 * or gave up on it (FAILED, kept for inspection and never expires).
 */
export type OutboxStatus = 'PENDING' | 'PUBLISHED' | 'FAILED';

/** An outbox event with its delivery bookkeeping, as stored. */
export interface OutboxItem {
  readonly event: OutboxEvent;
  readonly status: OutboxStatus;
  /** How many times a relay leased the item to publish it (a lease that crashed counts too). */
  readonly attempts: number;
  /**
   * When a relay may take the item next: the due time at first, then the end of a lease or the
   * next retry. `undefined` once the item left the pending index (PUBLISHED, FAILED).
   */
  readonly availableAt: Date | undefined;
  /** The relay that holds (or last held) the lease. */
  readonly leaseOwner: string | undefined;
  readonly leaseUntil: Date | undefined;
  /** Why the last attempt failed (error code and message), if it did. */
  readonly lastError: string | undefined;
  readonly publishedAt: Date | undefined;
  readonly failedAt: Date | undefined;
}

/**
 * An item this relay has leased: only the holder of `leaseToken` can mark it published, retried or
 * failed, so a relay whose lease ran out (and was taken over) can no longer change the item.
 */
export interface LeasedOutboxItem extends OutboxItem {
  readonly status: 'PENDING';
  readonly leaseOwner: string;
  readonly leaseUntil: Date;
  readonly leaseToken: string;
}
