import { TicketingError } from '@ticketing/errors';
import { describe, expect, it } from 'vitest';
import {
  eventConflict,
  eventNotFound,
  eventNotOnSale,
  holdConflict,
  holdExpired,
  holdNotActive,
  holdNotFound,
  invalidField,
  inventoryContended,
  inventoryThrottled,
  seatsUnavailable,
  unknownSeats,
} from './inventory.errors';

describe('inventory errors', () => {
  it('names the field of a validation failure in details and message', () => {
    const error = invalidField('selection.best_available.quantity', 'must be an integer from 1 to 10');
    expect(error).toBeInstanceOf(TicketingError);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.kind).toBe('invalid');
    expect(error.details).toEqual({ field: 'selection.best_available.quantity' });
    expect(error.message).toContain('selection.best_available.quantity');
  });

  it('lists unknown seats as conflicting seat ids of SEAT_NOT_FOUND', () => {
    const error = unknownSeats('selection.seat_ids.seat_ids', ['Z-1', 'Z-2']);
    expect(error.code).toBe('SEAT_NOT_FOUND');
    expect(error.details).toEqual({ field: 'selection.seat_ids.seat_ids', conflictingSeatIds: ['Z-1', 'Z-2'] });
  });

  it('reports taken seats, keeping every id in details but a short message', () => {
    const seatIds = Array.from({ length: 25 }, (_, index) => `A-${index + 1}`);
    const cause = new Error('ConditionalCheckFailed');
    const error = seatsUnavailable(seatIds, undefined, cause);
    expect(error.code).toBe('INVENTORY_CONFLICT');
    expect(error.details).toEqual({ conflictingSeatIds: seatIds });
    expect(error.message).toBe('Seats A-1, A-2, A-3, A-4, A-5, A-6, A-7, A-8, A-9, A-10 and 15 more are not available');
    expect(error.cause).toBe(cause);
  });

  it('reports a failed best-available pick with the number of free seats as metadata', () => {
    const error = seatsUnavailable([], 3);
    expect(error.details).toEqual({ conflictingSeatIds: [], available_count: 3 });
    expect(error.message).toContain('3 free');
  });

  it('carries the hold id for every hold error, and the contract metadata', () => {
    expect(holdNotFound('rsv_1').details).toEqual({ holdId: 'rsv_1' });
    expect(holdNotFound('rsv_1').code).toBe('HOLD_NOT_FOUND');
    expect(holdConflict('rsv_1').details).toEqual({ holdId: 'rsv_1' });
    expect(holdConflict('rsv_1').code).toBe('HOLD_CONFLICT');
    const expired = holdExpired('rsv_1', new Date('2026-05-01T10:00:00.000Z'));
    expect(expired.code).toBe('HOLD_EXPIRED');
    expect(expired.details).toEqual({ holdId: 'rsv_1', expires_at: '2026-05-01T10:00:00.000Z' });
    const notActive = holdNotActive('rsv_1', 'COMMITTED');
    expect(notActive.code).toBe('HOLD_NOT_ACTIVE');
    expect(notActive.details).toEqual({ holdId: 'rsv_1', status: 'HOLD_STATUS_COMMITTED' });
  });

  it('carries the event id of event errors', () => {
    expect(eventNotFound('evt_1').code).toBe('EVENT_NOT_FOUND');
    expect(eventNotFound('evt_1').details).toEqual({ event_id: 'evt_1' });
    expect(eventConflict('evt_1').code).toBe('EVENT_CONFLICT');
    expect(eventConflict('evt_1').details).toEqual({ event_id: 'evt_1' });
  });

  it('gives the sale window of an event not on sale, leaving out an unset bound', () => {
    const starts = new Date('2026-03-01T10:00:00.000Z');
    const ends = new Date('2026-06-01T10:00:00.000Z');
    const error = eventNotOnSale('evt_1', starts, ends);
    expect(error.code).toBe('EVENT_NOT_ON_SALE');
    expect(error.details).toEqual({ sale_starts_at: '2026-03-01T10:00:00.000Z', sale_ends_at: '2026-06-01T10:00:00.000Z' });
    expect(eventNotOnSale('evt_1', starts, undefined).details).toEqual({ sale_starts_at: '2026-03-01T10:00:00.000Z' });
  });

  it('marks contention and throttling as retryable kinds, keeping the cause', () => {
    const cause = new Error('TransactionCanceledException');
    expect(inventoryContended(cause)).toMatchObject({ code: 'INVENTORY_CONTENDED', kind: 'conflict', cause });
    expect(inventoryThrottled()).toMatchObject({ code: 'INVENTORY_THROTTLED', kind: 'rate_limited' });
  });

  it('keeps only scalars and the agreed keys in details, so the gRPC edge can copy them', () => {
    const errors = [
      invalidField('hold_id', 'bad', ['A-1']),
      seatsUnavailable(['A-1'], 0),
      holdExpired('rsv_1', new Date(0)),
      holdNotActive('rsv_1', 'RELEASED'),
      eventNotOnSale('evt_1', new Date(0), new Date(1)),
      eventConflict('evt_1'),
    ];
    for (const error of errors) {
      for (const [key, value] of Object.entries(error.details)) {
        if (key === 'conflictingSeatIds') {
          expect(Array.isArray(value)).toBe(true);
        } else {
          expect(['string', 'number']).toContain(typeof value);
          expect(key === 'holdId' || /^[a-z]+(_[a-z]+)*$/.test(key)).toBe(true);
        }
      }
    }
  });
});
