import { ulid } from 'ulid';

/**
 * A new reservation id: `rsv_` + a ULID (time-ordered, 30 characters). It doubles as the inventory
 * hold id, which DynamoDB uses as the transaction's ClientRequestToken (at most 36 characters).
 */
export function newReservationId(now = Date.now()): string {
  return `rsv_${ulid(now)}`;
}

/** A new order id: `ord_` + a ULID. */
export function newOrderId(now = Date.now()): string {
  return `ord_${ulid(now)}`;
}

/** Whether a string has the shape of a reservation id (cheap check before any lookup). */
export function isReservationId(value: string): boolean {
  return /^rsv_[0-9A-HJKMNP-TV-Z]{26}$/.test(value);
}
