import type { Order } from '@ticketing/reservation-domain';
import { dateAttribute, numberAttribute, stringAttribute, type StoredItem } from '@ticketing/stored-items';
import { orderKey } from './item-keys';
import { decodeReservedSeats, encodeReservedSeats } from './reserved-seats.codec';

/** The item of an order. Orders are immutable: written once, in the confirmation transaction. */
export function orderItem(order: Order): Record<string, unknown> {
  return {
    ...orderKey(order.orderId),
    order_id: order.orderId,
    reservation_id: order.reservationId,
    user_id: order.userId,
    event_id: order.eventId,
    seats: encodeReservedSeats(order.seats),
    total_minor: order.total.amountMinor,
    currency: order.total.currency,
    payment_intent_id: order.paymentIntentId,
    created_at: order.createdAt.getTime(),
  };
}

/** An order from its stored item; a corrupt item is INTERNAL naming the attribute. */
export function orderFromItem(item: StoredItem): Order {
  return {
    orderId: stringAttribute(item, 'order_id'),
    reservationId: stringAttribute(item, 'reservation_id'),
    userId: stringAttribute(item, 'user_id'),
    eventId: stringAttribute(item, 'event_id'),
    seats: decodeReservedSeats(item),
    total: { amountMinor: numberAttribute(item, 'total_minor'), currency: stringAttribute(item, 'currency') },
    paymentIntentId: stringAttribute(item, 'payment_intent_id'),
    createdAt: dateAttribute(item, 'created_at'),
  };
}
