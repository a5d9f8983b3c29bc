import { ReleaseReason, type Hold, type HoldSeatsRequest } from '@ticketing/inventory-contract';
import { TicketingError } from '@ticketing/errors';
import {
  assertTransition,
  holdCreatedEvents,
  newReservationId,
  reservationEvent,
  reservationNotFound,
  type Reservation,
} from '@ticketing/reservation-domain';
import { outboxPutWrite } from '@ticketing/reservation-outbox';
import { WriteConditionFailedError, type IdempotentOutcome, type ReservationStore } from '@ticketing/reservation-store';
import type { Logger } from '@ticketing/telemetry';
import type { InventoryGateway } from '@ticketing/inventory-contract';
import { reservationView } from './reservation-view';

/** POST /v1/reservations, validated. */
export interface CreateReservationInput {
  readonly event_id: string;
  readonly seat_ids?: readonly string[] | undefined;
  readonly qty?: number | undefined;
  readonly section_id?: string | undefined;
  readonly allow_split?: boolean | undefined;
}

/**
 * Reservations: a hold in the inventory plus a record here, written with their outbox events in
 * one DynamoDB transaction. The reservation id is the hold id, so every inventory call about a
 * reservation is idempotent; if the hold succeeds but the write fails, the hold is released.
 */
export class ReservationsService {
  constructor(
    private readonly inventory: InventoryGateway,
    private readonly reservations: ReservationStore,
    private readonly outboxTable: string,
    private readonly limits: { readonly maxActiveHoldsPerUserPerEvent: number },
    private readonly logger: Logger,
  ) {}

  /**
   * Places the hold and returns the writes. The inventory decides first: a refused hold (seats
   * taken — most of an on-sale's requests) costs no DynamoDB call here. Only a granted hold pays for
   * the live-holds count, and gives its seats back when the user is over the limit.
   */
  async create(userId: string, input: CreateReservationInput, now: Date, traceparent?: string): Promise<IdempotentOutcome> {
    const reservationId = newReservationId(now.getTime());
    const { hold } = await this.inventory.call(
      'holdSeats',
      { holdId: reservationId, eventId: input.event_id, userId, selection: selectionOf(input), ttl: undefined },
      { retryable: true },
    );
    if (!hold) throw new TicketingError('INTERNAL', 'The inventory answered without a hold.');
    const reservation = reservationFromHold(hold, now);
    try {
      await this.assertBelowHoldLimit(userId, input.event_id, now, reservationId);
    } catch (error) {
      await this.releaseQuietly(reservation, ReleaseReason.RESERVATION_FAILED);
      throw error;
    }
    return {
      statusCode: 201,
      body: reservationView(reservation),
      writes: [
        this.reservations.createWrite(reservation),
        ...holdCreatedEvents(reservation, now, traceparent).map((event) => outboxPutWrite(event, { table: this.outboxTable })),
      ],
      compensate: () => this.releaseQuietly(reservation, ReleaseReason.RESERVATION_FAILED),
      // DynamoDB remembers tokens account-wide, and the inventory already used the bare reservation
      // id (its hold id) for its own transaction: this write needs a token of its own.
      clientRequestToken: `${reservationId}:api`,
    };
  }

  /**
   * A soft limit, checked once the new hold is placed (its own reservation is not written yet, so
   * it is not among those counted): the user's live holds for the event are counted among their 100 newest
   * reservations (holds live minutes; the per-user rate limit keeps anyone from making 100 in that
   * time). Two simultaneous requests can both pass the count; the rate limit bounds how far.
   */
  async assertBelowHoldLimit(userId: string, eventId: string, now: Date, placedReservationId: string): Promise<void> {
    const { items } = await this.reservations.listByUser(userId, { limit: 100 });
    const live = items.filter(
      (item) => item.eventId === eventId && item.status === 'HOLD' && item.holdExpiresAt > now && item.reservationId !== placedReservationId,
    );
    if (live.length >= this.limits.maxActiveHoldsPerUserPerEvent) {
      throw new TicketingError(
        'TOO_MANY_HOLDS',
        `You already hold ${live.length} reservations for ${eventId}; confirm or cancel one first.`,
      );
    }
  }

  /** The caller's reservation; someone else's is NOT_FOUND, exactly like one that does not exist. */
  async get(userId: string, reservationId: string): Promise<Reservation> {
    const reservation = await this.reservations.get(reservationId);
    if (!reservation || reservation.userId !== userId) throw reservationNotFound(reservationId);
    return reservation;
  }

  /**
   * Cancels a HOLD: the inventory releases the seats first (it refuses if they were sold), then the
   * reservation moves HOLD → CANCELLED with its `reservation.cancelled` event. A concurrent
   * confirm or expiry makes the conditional write fail: the client learns the state that won.
   */
  async cancel(userId: string, reservationId: string, now: Date, traceparent?: string): Promise<IdempotentOutcome> {
    const reservation = await this.get(userId, reservationId);
    if (reservation.status === 'HOLD' && reservation.holdExpiresAt <= now) {
      throw new TicketingError('RESERVATION_EXPIRED', `Reservation ${reservationId} expired.`);
    }
    assertTransition(reservationId, reservation.status, 'CANCELLED');
    await this.inventory.call(
      'releaseHold',
      { holdId: reservationId, userId, reason: ReleaseReason.USER_CANCELLED },
      { retryable: true },
    );
    const cancelled: Reservation = { ...reservation, status: 'CANCELLED', updatedAt: now, version: reservation.version + 1 };
    return {
      statusCode: 200,
      body: reservationView(cancelled),
      writes: [
        this.reservations.transitionWrite(reservation, 'CANCELLED', { updatedAt: now }),
        outboxPutWrite(reservationEvent('reservation.cancelled', cancelled, { now, traceparent }), { table: this.outboxTable }),
      ],
    };
  }

  /** Turns a lost race on a conditional write into the answer a client can act on. */
  async explainConflict(userId: string, reservationId: string, error: unknown): Promise<never> {
    if (!(error instanceof WriteConditionFailedError)) throw error;
    const current = await this.get(userId, reservationId);
    throw new TicketingError('RESERVATION_NOT_ACTIVE', `Reservation ${reservationId} is ${current.status}.`, { cause: error });
  }

  private async releaseQuietly(reservation: Reservation, reason: ReleaseReason): Promise<void> {
    try {
      await this.inventory.call(
        'releaseHold',
        { holdId: reservation.reservationId, userId: reservation.userId, reason },
        { retryable: true },
      );
    } catch (error) {
      // Best effort: the hold's own expiry frees the seats anyway.
      this.logger.warn({ err: error, reservation_id: reservation.reservationId }, 'could not release the hold of a failed reservation');
    }
  }
}

function selectionOf(input: CreateReservationInput): HoldSeatsRequest['selection'] {
  if (input.seat_ids && input.qty !== undefined) {
    throw new TicketingError('VALIDATION_FAILED', 'Send either seat_ids or qty, not both.', { details: { field: 'qty' } });
  }
  if (input.allow_split !== undefined && input.qty === undefined) {
    throw new TicketingError('VALIDATION_FAILED', 'allow_split only goes with qty.', { details: { field: 'allow_split' } });
  }
  if (input.seat_ids) return { $case: 'seatIds', value: { seatIds: [...input.seat_ids] } };
  if (input.qty !== undefined) {
    return { $case: 'bestAvailable', value: { quantity: input.qty, sectionId: input.section_id, allowSplit: input.allow_split ?? false } };
  }
  throw new TicketingError('VALIDATION_FAILED', 'seat_ids or qty is required.', { details: { field: 'seat_ids' } });
}

function reservationFromHold(hold: Hold, now: Date): Reservation {
  const money = (value: { amountMinor: number; currency: string } | undefined) => ({
    amountMinor: value?.amountMinor ?? 0,
    currency: value?.currency ?? '',
  });
  return {
    reservationId: hold.holdId,
    userId: hold.userId,
    eventId: hold.eventId,
    status: 'HOLD',
    seats: hold.seats.map((seat) => ({
      seatId: seat.seatId,
      sectionId: seat.sectionId,
      rowId: seat.rowId,
      number: seat.number,
      price: money(seat.price),
    })),
    quantity: hold.seats.length,
    total: money(hold.total),
    holdExpiresAt: hold.expiresAt ?? now,
    createdAt: now,
    updatedAt: now,
    version: 1,
    payment: undefined,
    orderId: undefined,
    duplicatePaymentIntentIds: [],
  };
}
