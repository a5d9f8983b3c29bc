/*
 * The reservation API's vocabulary, shared by its domain logic, its DynamoDB stores, its outbox
 * and its HTTP edge. Plain data: no SDK, no transport. Money is integer minor units.
 */

/**
 * A reservation's status. HOLD → CONFIRMED | CANCELLED | EXPIRED; REFUND_REQUIRED when a payment
 * arrived for a reservation whose seats were gone (paid after expiry and the seats were resold);
 * EXPIRED → CONFIRMED when a late payment comes with the same seats held again (see
 * `canTransition`).
 */
export type ReservationStatus = 'HOLD' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED' | 'REFUND_REQUIRED';

/** An amount in integer minor units of an ISO-4217 currency. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/** A seat of a reservation, as the inventory priced it when the hold was placed. */
export interface ReservedSeat {
  readonly seatId: string;
  readonly sectionId: string;
  readonly rowId: string;
  readonly number: number;
  readonly price: Money;
}

/** A payment outcome the worker recorded for a reservation (from payment.approved / payment.failed). */
export interface RecordedPayment {
  readonly paymentIntentId: string;
  readonly status: 'APPROVED' | 'FAILED';
  readonly amount: Money;
  readonly recordedAt: Date;
}

/**
 * A reservation. `reservationId` (`rsv_<ULID>`) is also the inventory hold id, so every inventory
 * call about it is idempotent. `version` grows by one on every change (conditional updates).
 */
export interface Reservation {
  readonly reservationId: string;
  readonly userId: string;
  readonly eventId: string;
  readonly status: ReservationStatus;
  readonly seats: readonly ReservedSeat[];
  readonly quantity: number;
  readonly total: Money;
  readonly holdExpiresAt: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
  /** The payment that settled it: paid for it (CONFIRMED) or is to be refunded (REFUND_REQUIRED). */
  readonly payment: RecordedPayment | undefined;
  readonly orderId: string | undefined;
  /**
   * Further approved payments (intent ids) that arrived once it was settled — a customer charged
   * twice. Never recorded as `payment`; each was announced once with `reservation.refund_required`.
   */
  readonly duplicatePaymentIntentIds: readonly string[];
}

/** The order a confirmed reservation becomes. */
export interface Order {
  readonly orderId: string;
  readonly reservationId: string;
  readonly userId: string;
  readonly eventId: string;
  readonly seats: readonly ReservedSeat[];
  readonly total: Money;
  readonly paymentIntentId: string;
  readonly createdAt: Date;
}

/**
 * Detail types the reservation API publishes (source `ticketing.reservation`); the event catalogue
 * of `@ticketing/event-contracts` documents them, and the API's tests hold the two together.
 */
export const reservationEventTypes = [
  'reservation.hold.created',
  'reservation.confirmed',
  'reservation.cancelled',
  'reservation.expired',
  'reservation.refund_required',
] as const;

/** A detail type the reservation API publishes. */
export type ReservationEventType = (typeof reservationEventTypes)[number];

/**
 * An event waiting in the outbox. Written in the same transaction as the reservation change it
 * describes; published to EventBridge by the relay once `dueAt` has passed (the expiry event of a
 * hold is due at the hold's expiry, so the outbox is also the scheduler).
 */
export interface OutboxEvent {
  /** Unique id; becomes the idempotency key consumers deduplicate on. */
  readonly eventId: string;
  readonly source: 'ticketing.reservation';
  readonly detailType: ReservationEventType;
  /** Ids, seat ids, quantity, amounts and the W3C trace context (`traceparent`). */
  readonly detail: Readonly<Record<string, unknown>>;
  readonly dueAt: Date;
  readonly createdAt: Date;
}
