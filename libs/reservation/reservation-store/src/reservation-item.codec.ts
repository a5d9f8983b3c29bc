import { TicketingError } from '@ticketing/errors';
import type { RecordedPayment, Reservation, ReservationStatus } from '@ticketing/reservation-domain';
import {
  dateAttribute,
  enumAttribute,
  numberAttribute,
  optionalStringAttribute,
  stringAttribute,
  type StoredItem,
} from '@ticketing/stored-items';
import { reservationKey, userReservationsPartition, userReservationsSortKey } from './item-keys';
import { decodeReservedSeats, encodeReservedSeats } from './reserved-seats.codec';

/** Every status a stored reservation may have. */
export const reservationStatuses: readonly ReservationStatus[] = ['HOLD', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'REFUND_REQUIRED'];

const paymentStatuses: readonly RecordedPayment['status'][] = ['APPROVED', 'FAILED'];

/**
 * The payment attributes of a reservation item (all five present, or none). Instants are epoch
 * milliseconds, money integer minor units.
 */
export function paymentAttributes(payment: RecordedPayment): Record<string, string | number> {
  return {
    payment_intent_id: payment.paymentIntentId,
    payment_status: payment.status,
    payment_amount_minor: payment.amount.amountMinor,
    payment_currency: payment.amount.currency,
    payment_recorded_at: payment.recordedAt.getTime(),
  };
}

/**
 * The item of a reservation: keyed by id, listed in `gsi1` under its user, newest first. Optional
 * fields (payment, order id, duplicate payments) are simply absent while unset.
 */
export function reservationItem(reservation: Reservation): Record<string, unknown> {
  const item: Record<string, unknown> = {
    ...reservationKey(reservation.reservationId),
    reservation_id: reservation.reservationId,
    user_id: reservation.userId,
    event_id: reservation.eventId,
    status: reservation.status,
    seats: encodeReservedSeats(reservation.seats),
    quantity: reservation.quantity,
    total_minor: reservation.total.amountMinor,
    currency: reservation.total.currency,
    hold_expires_at: reservation.holdExpiresAt.getTime(),
    created_at: reservation.createdAt.getTime(),
    updated_at: reservation.updatedAt.getTime(),
    version: reservation.version,
    gsi1pk: userReservationsPartition(reservation.userId),
    gsi1sk: userReservationsSortKey(reservation.createdAt, reservation.reservationId),
  };
  if (reservation.payment !== undefined) Object.assign(item, paymentAttributes(reservation.payment));
  if (reservation.orderId !== undefined) item['order_id'] = reservation.orderId;
  if (reservation.duplicatePaymentIntentIds.length > 0) {
    item['duplicate_payment_intents'] = new Set(reservation.duplicatePaymentIntentIds);
  }
  return item;
}

/** A reservation from its stored item; a corrupt item is INTERNAL naming the attribute. */
export function reservationFromItem(item: StoredItem): Reservation {
  return {
    reservationId: stringAttribute(item, 'reservation_id'),
    userId: stringAttribute(item, 'user_id'),
    eventId: stringAttribute(item, 'event_id'),
    status: enumAttribute(item, 'status', reservationStatuses),
    seats: decodeReservedSeats(item),
    quantity: numberAttribute(item, 'quantity'),
    total: { amountMinor: numberAttribute(item, 'total_minor'), currency: stringAttribute(item, 'currency') },
    holdExpiresAt: dateAttribute(item, 'hold_expires_at'),
    createdAt: dateAttribute(item, 'created_at'),
    updatedAt: dateAttribute(item, 'updated_at'),
    version: numberAttribute(item, 'version'),
    payment: item['payment_intent_id'] === undefined ? undefined : paymentFromItem(item),
    orderId: optionalStringAttribute(item, 'order_id'),
    duplicatePaymentIntentIds: duplicatePaymentIntentIds(item),
  };
}

/** `duplicate_payment_intents`: a string set (absent while empty), sorted for a stable order. */
function duplicatePaymentIntentIds(item: StoredItem): string[] {
  const stored = item['duplicate_payment_intents'];
  if (stored === undefined) return [];
  if (!(stored instanceof Set) || [...stored].some((id) => typeof id !== 'string')) {
    throw new TicketingError('INTERNAL', `Stored reservation ${String(item['reservation_id'])} has a corrupt duplicate_payment_intents`);
  }
  return [...(stored as Set<string>)].sort();
}

function paymentFromItem(item: StoredItem): RecordedPayment {
  return {
    paymentIntentId: stringAttribute(item, 'payment_intent_id'),
    status: enumAttribute(item, 'payment_status', paymentStatuses),
    amount: { amountMinor: numberAttribute(item, 'payment_amount_minor'), currency: stringAttribute(item, 'payment_currency') },
    recordedAt: dateAttribute(item, 'payment_recorded_at'),
  };
}
