import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Order, Reservation, ReservedSeat } from '@ticketing/reservation-domain';
import { IdempotencyStore, ReservationStore } from '../../src';
import { type FreshReservationTables, freshReservationTables } from './local-tables';

/** An id no other test run uses (reservation ids double as ClientRequestTokens, remembered 10 minutes). */
export function uniqueId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** `ms` milliseconds after `date`. */
export function plus(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

/** Thirty seconds, the claim lease the tests use. */
export const leaseMs = 30_000;

/** A day, the default record lifetime. */
export const ttlMs = 24 * 60 * 60 * 1000;

/** Both stores on one test file's fresh tables. */
export interface ReservationFixture extends FreshReservationTables {
  readonly reservations: ReservationStore;
  readonly idempotency: IdempotencyStore;
  /** The raw stored item of an idempotency record, for attributes the API does not show. */
  rawIdempotencyRecord(userId: string, key: string): Promise<Record<string, unknown> | undefined>;
}

/** Fresh tables plus stores over them; call `cleanup()` in afterAll. */
export async function reservationFixture(): Promise<ReservationFixture> {
  const fresh = await freshReservationTables();
  const { documents, tables } = fresh;
  return {
    ...fresh,
    reservations: new ReservationStore(documents, tables),
    idempotency: new IdempotencyStore(documents, { table: tables.idempotencyTable }, { ttlMs, inFlightLeaseMs: leaseMs }),
    async rawIdempotencyRecord(userId, key) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tables.idempotencyTable,
          Key: { pk: `USER#${userId}#KEY#${key}`, sk: 'IDEMPOTENCY' },
          ConsistentRead: true,
        }),
      );
      return Item;
    },
  };
}

/** Two seats in section A, 85 EUR each. */
export const twoSeats: readonly ReservedSeat[] = [
  { seatId: 'A-1-1', sectionId: 'A', rowId: '1', number: 1, price: { amountMinor: 8_500, currency: 'EUR' } },
  { seatId: 'A-1-2', sectionId: 'A', rowId: '1', number: 2, price: { amountMinor: 8_500, currency: 'EUR' } },
];

/** A fresh HOLD reservation, version 1, created at `createdAt` (default now), holding for 10 minutes. */
export function holdReservation(options: { userId?: string; createdAt?: Date; reservationId?: string } = {}): Reservation {
  const createdAt = options.createdAt ?? new Date();
  return {
    reservationId: options.reservationId ?? uniqueId('rsv'),
    userId: options.userId ?? 'user_1',
    eventId: 'evt_2026_1001',
    status: 'HOLD',
    seats: twoSeats,
    quantity: twoSeats.length,
    total: { amountMinor: 17_000, currency: 'EUR' },
    holdExpiresAt: plus(createdAt, 600_000),
    createdAt,
    updatedAt: createdAt,
    version: 1,
    payment: undefined,
    orderId: undefined,
    duplicatePaymentIntentIds: [],
  };
}

/** The order a confirmed `reservation` becomes. */
export function orderFor(reservation: Reservation, createdAt: Date): Order {
  return {
    orderId: uniqueId('ord'),
    reservationId: reservation.reservationId,
    userId: reservation.userId,
    eventId: reservation.eventId,
    seats: reservation.seats,
    total: reservation.total,
    paymentIntentId: uniqueId('pi'),
    createdAt,
  };
}

/** Resolves to the rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected the promise to reject, but it resolved');
}
