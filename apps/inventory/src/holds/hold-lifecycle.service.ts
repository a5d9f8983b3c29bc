import {
  effectiveHoldStatus,
  holdExpired,
  holdNotActive,
  holdNotFound,
  type Hold,
  type ReleaseReason,
} from '@ticketing/inventory-domain';
import type { HoldStore } from '@ticketing/inventory-seat-store';
import type { SeatAccelerators } from '../accelerators/seat-accelerators';
import type { InventoryMetrics } from '../inventory.metrics';

/**
 * Reads, commits and releases holds. Every change is one conditional DynamoDB transaction in the
 * seat store; this service decides what a request may do to a hold and keeps Redis in step after.
 *
 * Ownership: a hold is only visible to the user it belongs to — anyone else gets HOLD_NOT_FOUND,
 * exactly as for an unknown id, so hold ids cannot be probed.
 */
export class HoldLifecycleService {
  constructor(
    private readonly holds: HoldStore,
    private readonly accelerators: SeatAccelerators,
    private readonly settings: { readonly allowExpiredCommit: boolean },
    private readonly metrics: InventoryMetrics,
  ) {}

  async getHold(holdId: string, userId: string): Promise<Hold> {
    return this.ownedHold(holdId, userId);
  }

  /**
   * HELD by this hold → SOLD, hold → COMMITTED, in one transaction. Idempotent for the same
   * payment reference. After expiry it is refused (HOLD_EXPIRED) unless EXPIRED_HOLD_COMMIT_POLICY
   * allows committing a hold whose seats no other hold has taken.
   */
  async commitHold(holdId: string, userId: string, paymentReference: string, now = new Date()): Promise<Hold> {
    const hold = await this.ownedHold(holdId, userId);
    if (hold.status === 'COMMITTED') {
      if (hold.paymentReference === paymentReference) return hold;
      throw holdNotActive(holdId, hold.status);
    }
    if (hold.status === 'EXPIRED') throw holdExpired(holdId, hold.expiresAt);
    if (hold.status === 'RELEASED') throw holdNotActive(holdId, hold.status);
    if (effectiveHoldStatus(hold, now) === 'EXPIRED' && !this.settings.allowExpiredCommit) {
      throw holdExpired(holdId, hold.expiresAt);
    }
    const stopTimer = this.metrics.transactionSeconds.startTimer({ operation: 'commit' });
    try {
      const committed = await this.holds.commitHold({
        hold,
        paymentReference,
        now,
        allowExpired: this.settings.allowExpiredCommit,
      });
      stopTimer({ outcome: 'committed' });
      this.metrics.seatsSold.inc(committed.hold.seats.length);
      await this.accelerators.markSold(hold.eventId, hold.seats, holdId);
      await this.accelerators.updateView(hold.eventId, hold.seats, 'SOLD', undefined);
      return committed.hold;
    } catch (error) {
      stopTimer({ outcome: 'refused' });
      throw error;
    }
  }

  /** HELD by this hold → AVAILABLE; idempotent; never touches sold seats or other holds' seats. */
  async releaseHold(holdId: string, userId: string, reason: ReleaseReason, now = new Date()): Promise<Hold> {
    return this.release(await this.ownedHold(holdId, userId), reason, now);
  }

  /** Releases a hold found by the expiry sweeper (no user involved). */
  async expireHold(hold: Hold, now = new Date()): Promise<Hold> {
    return this.release(hold, 'EXPIRED', now);
  }

  private async release(hold: Hold, reason: ReleaseReason, now: Date): Promise<Hold> {
    if (hold.status === 'COMMITTED') throw holdNotActive(hold.holdId, hold.status);
    if (hold.status !== 'ACTIVE') return hold;
    const stopTimer = this.metrics.transactionSeconds.startTimer({ operation: 'release' });
    const released = await this.holds.releaseHold({ hold, reason, now });
    stopTimer({ outcome: 'released' });
    const freed = hold.seats.filter((seat) => released.releasedSeats.some((state) => state.seatId === seat.seatId));
    this.metrics.seatsReleased.inc({ reason: reason.toLowerCase() }, freed.length);
    await this.accelerators.release(hold.eventId, hold.seats, hold.holdId);
    await this.accelerators.updateView(hold.eventId, freed, 'AVAILABLE', undefined);
    return released.hold;
  }

  private async ownedHold(holdId: string, userId: string): Promise<Hold> {
    const hold = await this.holds.getHold(holdId);
    if (!hold || hold.userId !== userId) throw holdNotFound(holdId);
    return hold;
  }
}
