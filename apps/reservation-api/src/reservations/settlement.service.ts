import { ReleaseReason } from '@ticketing/inventory-contract';
import { TicketingError } from '@ticketing/errors';
import {
  newOrderId,
  reservationEvent,
  reservationNotFound,
  type Order,
  type RecordedPayment,
  type Reservation,
  type ReservationStatus,
} from '@ticketing/reservation-domain';
import { outboxPutWrite } from '@ticketing/reservation-outbox';
import {
  reservationWithDuplicatePayment,
  type IdempotentOutcome,
  type ReservationStore,
  type TransactionWrite,
} from '@ticketing/reservation-store';
import type { InventoryGateway } from '@ticketing/inventory-contract';
import { assertReacquiredHoldMatches, reacquiredHoldRejected } from './reacquired-hold';
import { reservationView } from './reservation-view';

/** A payment outcome as the worker reports it (from payment.approved / payment.failed). */
export interface PaymentReport {
  readonly paymentIntentId: string;
  readonly status: 'APPROVED' | 'FAILED';
  readonly amount: { readonly amountMinor: number; readonly currency: string };
  /**
   * APPROVED only: the reservation's own hold ran out before the payment arrived, and the worker
   * took the same seats again, for the reservation's user, under this hold id. It is committed
   * instead of the reservation's own hold.
   */
  readonly reacquiredHoldId?: string | undefined;
  /**
   * APPROVED only: whether a hold found gone at the commit makes the reservation REFUND_REQUIRED
   * (the default) or is answered 409 RESERVATION_EXPIRED with nothing changed, so the caller can
   * re-acquire the seats and report again.
   */
  readonly refundIfSeatsGone?: boolean | undefined;
}

/** Inventory answers to a commit that mean the hold's seats are no longer to be had. */
const seatsGoneCodes: readonly string[] = ['HOLD_EXPIRED', 'HOLD_NOT_ACTIVE', 'HOLD_NOT_FOUND'];

/**
 * How reservations end: confirmation after an approved payment, cancellation after a failed one,
 * expiry, and the refund rule for a payment that arrives when the seats are gone. The inventory is
 * always asked first (it is the arbiter of seats); the reservation then moves in one conditional
 * write with its outbox event, so two outcomes can never both be recorded.
 */
export class SettlementService {
  constructor(
    private readonly inventory: InventoryGateway,
    private readonly reservations: ReservationStore,
    private readonly outboxTable: string,
  ) {}

  /**
   * The user confirms with the payment intent the payment provider approved. Requires that the
   * worker recorded that approval (412 PAYMENT_NOT_APPROVED otherwise); an expired hold is 409
   * RESERVATION_EXPIRED. Confirming again with the same intent answers the same confirmation.
   */
  async confirm(userId: string, reservationId: string, paymentIntentId: string, now: Date, traceparent?: string): Promise<IdempotentOutcome> {
    const reservation = await this.owned(userId, reservationId);
    const payment = reservation.payment;
    if (reservation.status === 'CONFIRMED' && payment?.paymentIntentId === paymentIntentId) {
      return unchanged(reservation, now);
    }
    if (!payment || payment.paymentIntentId !== paymentIntentId || payment.status !== 'APPROVED') {
      throw new TicketingError('PAYMENT_NOT_APPROVED', `No approved payment ${paymentIntentId} is recorded for ${reservationId}.`);
    }
    if (reservation.status !== 'HOLD') {
      throw new TicketingError('RESERVATION_NOT_ACTIVE', `Reservation ${reservationId} is ${reservation.status}.`);
    }
    if (reservation.holdExpiresAt <= now) {
      throw new TicketingError('RESERVATION_EXPIRED', `Reservation ${reservationId} expired.`);
    }
    return this.confirmed(reservation, payment, now, traceparent);
  }

  /**
   * The worker reports a payment. Approved: the reservation is confirmed (even after expiry while
   * the inventory still lets the hold be committed), or — seats gone — REFUND_REQUIRED; for one
   * already settled, a second intent is a duplicate charge to refund (see approvedWhenSettled).
   * Failed: a held reservation is cancelled and its seats released; otherwise the outcome is only
   * recorded, never over an approved payment.
   *
   * With `reacquiredHoldId` (approved only, else VALIDATION_FAILED), a HOLD or EXPIRED reservation
   * is confirmed by committing that hold instead of its own, once the inventory shows it is the
   * reservation user's hold on exactly the reservation's seats of the same event (else
   * VALIDATION_FAILED and nothing changes). The inventory is read and committed before the
   * reservation's conditional write, which is on the (status, version) read at the start, so a
   * concurrent expiry or second report cannot also land:
   *
   * ```
   *  stored:   EXPIRED v3 ─────────────────────────────────────────────▶ CONFIRMED v4
   *  payment:  read v3 ── getHold(new) ── commitHold(new, pi) ── write (EXPIRED ∧ v3) ✔
   *  other:    read v3 ──────────────────────────────── write (EXPIRED ∧ v3) ✘ stored is v4
   * ```
   * A payment that loses that race has committed the hold already; its retry reads the winner
   * and, if the reservation is still unconfirmed, commits again (idempotent for the same payment
   * intent) and confirms.
   */
  async recordPayment(reservationId: string, report: PaymentReport, now: Date, traceparent?: string): Promise<IdempotentOutcome> {
    if (report.reacquiredHoldId !== undefined && report.status !== 'APPROVED') {
      throw reacquiredHoldRejected('only an APPROVED payment can come with a re-acquired hold');
    }
    const reservation = await this.reservations.get(reservationId);
    if (!reservation) throw reservationNotFound(reservationId);
    const payment: RecordedPayment = {
      paymentIntentId: report.paymentIntentId,
      status: report.status,
      amount: report.amount,
      recordedAt: now,
    };

    if (report.status === 'FAILED') {
      if (reservation.status !== 'HOLD') {
        // A failure never overwrites an approval: that payment paid for the order or is the one to refund.
        if (reservation.payment?.status === 'APPROVED') return unchanged(reservation, now);
        return this.recordOnly(reservation, payment, now);
      }
      await this.inventory.call(
        'releaseHold',
        { holdId: reservationId, userId: reservation.userId, reason: ReleaseReason.PAYMENT_FAILED },
        { retryable: true },
      );
      return this.transition(reservation, 'CANCELLED', { payment, updatedAt: now }, 'reservation.cancelled', now, traceparent);
    }

    // Settled already, or cancelled by the user: a re-acquired hold is not committed (the order
    // exists, or the user gave the seats up) and not released either — it runs out on its own,
    // like any abandoned hold, and its seats come back then.
    if (reservation.status === 'CONFIRMED' || reservation.status === 'REFUND_REQUIRED') {
      return this.approvedWhenSettled(reservation, payment, now, traceparent);
    }
    if (reservation.status === 'CANCELLED') {
      return this.transition(reservation, 'REFUND_REQUIRED', { payment, updatedAt: now }, 'reservation.refund_required', now, traceparent);
    }
    const holdId =
      report.reacquiredHoldId === undefined ? reservation.reservationId : await this.reacquiredHold(reservation, report.reacquiredHoldId);
    try {
      return await this.confirmed(reservation, payment, now, traceparent, holdId);
    } catch (error) {
      const seatsGone = error instanceof TicketingError && seatsGoneCodes.includes(error.code);
      if (!seatsGone) throw error;
      if (report.refundIfSeatsGone === false) {
        throw new TicketingError('RESERVATION_EXPIRED', `The hold of ${reservationId} is gone; re-acquire its seats or report again to refund.`, {
          cause: error,
        });
      }
      return this.transition(reservation, 'REFUND_REQUIRED', { payment, updatedAt: now }, 'reservation.refund_required', now, traceparent);
    }
  }

  /**
   * The worker expires a reservation whose hold ran out (from `reservation.expired`): a HOLD past
   * its expiry becomes EXPIRED and the hold is released; anything else is left as it is.
   */
  async expire(reservationId: string, now: Date): Promise<IdempotentOutcome> {
    const reservation = await this.reservations.get(reservationId);
    if (!reservation) throw reservationNotFound(reservationId);
    if (reservation.status !== 'HOLD' || reservation.holdExpiresAt > now) {
      return unchanged(reservation, now);
    }
    await this.inventory.call(
      'releaseHold',
      { holdId: reservationId, userId: reservation.userId, reason: ReleaseReason.EXPIRED },
      { retryable: true },
    );
    // The reservation.expired event that triggered this is already out; no second one.
    const expired = { ...reservation, status: 'EXPIRED' as const, updatedAt: now, version: reservation.version + 1 };
    return {
      statusCode: 200,
      body: reservationView(expired, now),
      writes: [this.reservations.transitionWrite(reservation, 'EXPIRED', { updatedAt: now })],
    };
  }

  /**
   * Commits `holdId` (the reservation's own hold unless the worker re-acquired its seats) and
   * confirms the reservation with its order and `reservation.confirmed` event.
   */
  private async confirmed(
    reservation: Reservation,
    payment: RecordedPayment,
    now: Date,
    traceparent?: string,
    holdId = reservation.reservationId,
  ): Promise<IdempotentOutcome> {
    await this.inventory.call(
      'commitHold',
      { holdId, userId: reservation.userId, paymentReference: payment.paymentIntentId },
      { retryable: true },
    );
    const order: Order = {
      orderId: newOrderId(now.getTime()),
      reservationId: reservation.reservationId,
      userId: reservation.userId,
      eventId: reservation.eventId,
      seats: reservation.seats,
      total: reservation.total,
      paymentIntentId: payment.paymentIntentId,
      createdAt: now,
    };
    const outcome = await this.transition(
      reservation,
      'CONFIRMED',
      { payment, orderId: order.orderId, updatedAt: now },
      'reservation.confirmed',
      now,
      traceparent,
    );
    return { ...outcome, writes: [...outcome.writes, this.reservations.orderCreateWrite(order)] };
  }

  /**
   * Reads the re-acquired hold AS the reservation's user — another user's hold is HOLD_NOT_FOUND
   * to them, so nobody's hold but the owner's can be committed — and checks it stands in for the
   * reservation's own one. Returns its id.
   */
  private async reacquiredHold(reservation: Reservation, holdId: string): Promise<string> {
    let answer;
    try {
      answer = await this.inventory.call('getHold', { holdId, userId: reservation.userId }, { retryable: true });
    } catch (error) {
      if (error instanceof TicketingError && error.code === 'HOLD_NOT_FOUND') {
        throw reacquiredHoldRejected(`no hold ${holdId} of the reservation's user exists`);
      }
      throw error;
    }
    if (!answer.hold) throw new TicketingError('INTERNAL', 'The inventory answered without a hold.');
    assertReacquiredHoldMatches(reservation, answer.hold);
    return holdId;
  }

  private transition(
    reservation: Reservation,
    to: ReservationStatus,
    changes: { payment?: RecordedPayment; orderId?: string; updatedAt: Date },
    eventType: 'reservation.confirmed' | 'reservation.cancelled' | 'reservation.refund_required',
    now: Date,
    traceparent?: string,
  ): IdempotentOutcome {
    const next: Reservation = {
      ...reservation,
      status: to,
      payment: changes.payment ?? reservation.payment,
      orderId: changes.orderId ?? reservation.orderId,
      updatedAt: now,
      version: reservation.version + 1,
    };
    const writes: TransactionWrite[] = [
      this.reservations.transitionWrite(reservation, to, changes),
      outboxPutWrite(reservationEvent(eventType, next, { now, traceparent }), { table: this.outboxTable }),
    ];
    return { statusCode: 200, body: reservationView(next, now), writes };
  }

  /**
   * An approval for a reservation an approved payment settled already. The same intent again is a
   * repeated report: nothing changes. Another intent means the customer was charged twice: it is
   * noted in `duplicatePaymentIntentIds` (status and recorded payment unchanged) and announced with
   * `reservation.refund_required` carrying that payment — once per intent, since a repeat finds it
   * noted, and two concurrent reports cannot both pass the version condition.
   */
  private approvedWhenSettled(reservation: Reservation, payment: RecordedPayment, now: Date, traceparent?: string): IdempotentOutcome {
    const intent = payment.paymentIntentId;
    if (reservation.payment?.paymentIntentId === intent || reservation.duplicatePaymentIntentIds.includes(intent)) {
      return unchanged(reservation, now);
    }
    const noted = reservationWithDuplicatePayment(reservation, payment);
    // The event names the payment to refund; the reservation keeps the one that settled it.
    const refund = reservationEvent('reservation.refund_required', { ...noted, payment }, { now, traceparent });
    return {
      statusCode: 200,
      body: reservationView(noted, now),
      writes: [
        this.reservations.recordDuplicatePaymentWrite(reservation, payment),
        outboxPutWrite(refund, { table: this.outboxTable }),
      ],
    };
  }

  private recordOnly(reservation: Reservation, payment: RecordedPayment, now: Date): IdempotentOutcome {
    const next = { ...reservation, payment, updatedAt: now, version: reservation.version + 1 };
    return { statusCode: 200, body: reservationView(next, now), writes: [this.reservations.recordPaymentWrite(reservation, payment)] };
  }

  private async owned(userId: string, reservationId: string): Promise<Reservation> {
    const reservation = await this.reservations.get(reservationId);
    if (!reservation || reservation.userId !== userId) throw reservationNotFound(reservationId);
    return reservation;
  }
}

/** The answer to a report that changes nothing: the reservation as it is. */
function unchanged(reservation: Reservation, now: Date): IdempotentOutcome {
  return { statusCode: 200, body: reservationView(reservation, now), writes: [] };
}
