import type { WorkerEvent } from '@ticketing/event-contracts';
import { HoldStatus, ReleaseReason } from '@ticketing/inventory-contract';
import type { InventoryGateway } from '@ticketing/inventory-contract';
import { TicketingError } from '@ticketing/errors';
import { RetryableFailure } from '../handling/handling-failures';
import type { InternalReservation, ReservationApiClient } from '../reservation-api/reservation-api.client';
import type { EventHandler, HandlerContext } from '../handling/event-handler';

type PaymentEvent = Extract<WorkerEvent, { detailType: 'payment.approved' | 'payment.failed' }>;

/** Deliveries that must find the seats taken before the payment turns into a refund. */
const refusalsBeforeRefund = 3;

/** Inventory answers that mean "these seats cannot be had again": the payment turns into a refund. */
const seatsLostCodes = new Set(['INVENTORY_CONFLICT', 'HOLD_CONFLICT', 'VALIDATION_FAILED', 'EVENT_NOT_ON_SALE', 'EVENT_NOT_FOUND']);

/**
 * `payment.approved`: the reservation is confirmed — the seats sold, the order created.
 *
 * If its hold already ran out (the reservation is EXPIRED, or still HOLD past its expiry), the
 * worker first tries to take the same seats again for the same user in the inventory, under the
 * hold ids of {@link reacquiredHoldIds} (deterministic, so a retry finds the hold it placed instead
 * of placing another), and the API then confirms with that hold. When the seats are
 * gone — someone else holds or bought them — the API records the payment and marks the
 * reservation REFUND_REQUIRED, publishing `reservation.refund_required`.
 */
export class PaymentApprovedHandler implements EventHandler<PaymentEvent> {
  constructor(
    private readonly api: ReservationApiClient,
    private readonly inventory: InventoryGateway,
  ) {}

  async handle(event: PaymentEvent, context: HandlerContext): Promise<string> {
    const { detail } = event;
    const current = await this.api.getReservation(detail.reservation_id, { traceparent: context.traceparent });
    const ranOut = holdRanOut(current, context.now());
    const reacquiredHoldId = ranOut ? await this.reacquire(current, context) : undefined;
    const after = await this.api.recordPayment(
      detail.reservation_id,
      {
        payment_intent_id: detail.payment_intent_id,
        status: 'APPROVED',
        amount: detail.amount,
        ...(reacquiredHoldId ? { reacquired_hold_id: reacquiredHoldId } : {}),
        // The own hold may run out between the read above and the commit: then the API answers 409
        // and the next delivery re-acquires, instead of refunding a buyer whose seats may be free.
        ...(ranOut ? {} : { refund_if_seats_gone: false }),
      },
      { idempotencyKey: context.idempotencyKey(reacquiredHoldId ? 'payment-approved-reacquired' : 'payment-approved'), traceparent: context.traceparent },
    );
    if (after.status === 'CONFIRMED') return reacquiredHoldId ? 'confirmed-reacquired' : 'confirmed';
    if (after.status === 'REFUND_REQUIRED' && reacquiredHoldId) await this.releaseQuietly(current, reacquiredHoldId);
    return after.status === 'REFUND_REQUIRED' ? 'refund-required' : 'recorded';
  }

  /**
   * The new hold's id, or undefined when the seats are taken. A refusal is believed only from the
   * {@link refusalsBeforeRefund}-th delivery on: right after a hold runs out, the inventory's fast
   * gate can still hold its seats for a moment, and a refund for seats that were about to be free
   * is the worst outcome for a buyer who paid.
   */
  private async reacquire(reservation: InternalReservation, context: HandlerContext): Promise<string | undefined> {
    try {
      for (const holdId of reacquiredHoldIds(reservation.reservation_id)) {
        const { hold } = await this.inventory.call(
          'holdSeats',
          {
            holdId,
            eventId: reservation.event_id,
            userId: reservation.user_id,
            selection: { $case: 'seatIds', value: { seatIds: reservation.seats.map((seat) => seat.seat_id) } },
            ttl: undefined,
          },
          { retryable: true },
        );
        // The same id again returns the hold an earlier delivery placed — one that ran out or was
        // released meanwhile too (a message retried for minutes, or redriven from the DLQ later),
        // and that one can no longer be committed: take the seats again under the next id.
        if (hold && (hold.status === HoldStatus.ACTIVE || hold.status === HoldStatus.COMMITTED)) return holdId;
      }
      throw new RetryableFailure('reacquire-ids-used-up', `every re-acquire hold id of ${reservation.reservation_id} is spent`);
    } catch (error) {
      if (error instanceof RetryableFailure) throw error;
      if (!(error instanceof TicketingError && seatsLostCodes.has(error.code))) throw inventoryFailure(error);
      if (context.deliveryCount >= refusalsBeforeRefund) return undefined;
      throw new RetryableFailure('seats-taken-rechecking', `the seats of ${reservation.reservation_id} look taken (${error.code}); looking again before refunding`, {
        cause: error,
      });
    }
  }

  /** A re-acquired hold the API did not use (it answered refund instead) goes back at once. */
  private async releaseQuietly(reservation: InternalReservation, holdId: string): Promise<void> {
    try {
      await this.inventory.call('releaseHold', { holdId, userId: reservation.user_id, reason: ReleaseReason.RESERVATION_FAILED }, { retryable: true });
    } catch {
      // Its own expiry frees the seats anyway.
    }
  }
}

/**
 * The hold ids that re-acquire a reservation's seats, tried in order: `<reservation id>-re`, then
 * `-r2` … `-r9` once an earlier one ran out. 33 characters (the inventory takes hold ids of up to
 * 36). Deterministic, so a retry finds the hold it placed instead of placing another.
 */
export function reacquiredHoldIds(reservationId: string): string[] {
  return [`${reservationId}-re`, ...Array.from({ length: 8 }, (_, index) => `${reservationId}-r${index + 2}`)];
}

/** EXPIRED, or HOLD at or past its expiry: the reservation's own hold can no longer be committed. */
function holdRanOut(reservation: InternalReservation, now: Date): boolean {
  if (reservation.status === 'EXPIRED') return true;
  return reservation.status === 'HOLD' && Date.parse(reservation.hold_expires_at) <= now.getTime();
}

function inventoryFailure(error: unknown): Error {
  const code = error instanceof TicketingError ? error.code : 'UNKNOWN';
  return new RetryableFailure(`inventory-${code.toLowerCase().replaceAll('_', '-')}`, `re-acquiring the seats failed: ${String(error)}`, {
    cause: error,
  });
}
