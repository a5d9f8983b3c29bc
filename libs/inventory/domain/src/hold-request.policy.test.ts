import { describe, expect, it } from 'vitest';
import { failureOf } from '../test/failure-of';
import { assertMaxSeatsPerHold, maxSeatsPerHoldCeiling, validateHoldRequest } from './hold-request.policy';
import type { SeatSelection } from './inventory.types';

const limits = { maxSeatsPerHold: 10 };
const seatIds = (...ids: string[]): SeatSelection => ({ kind: 'seat-ids', seatIds: ids });
const bestAvailable = (quantity: number, sectionId?: string): SeatSelection => ({
  kind: 'best-available',
  quantity,
  sectionId,
});
const request = (extra: Partial<Parameters<typeof validateHoldRequest>[0]> = {}) => ({
  holdId: 'rsv_01J0ABCDEFGHJKMNPQRSTVWXYZ',
  eventId: 'evt_2026_1001',
  userId: 'auth0|user-42',
  selection: seatIds('A-1', 'A-2') as SeatSelection | undefined,
  ...extra,
});
const failure = (candidate: ReturnType<typeof request>, max = limits) =>
  failureOf(() => validateHoldRequest(candidate, max));

describe('validateHoldRequest', () => {
  it('accepts an explicit selection and a best-available one', () => {
    expect(() => validateHoldRequest(request(), limits)).not.toThrow();
    expect(() => validateHoldRequest(request({ selection: bestAvailable(10, 'A') }), limits)).not.toThrow();
    expect(() => validateHoldRequest(request({ selection: bestAvailable(1) }), limits)).not.toThrow();
  });

  it.each([
    ['an empty hold id', { holdId: '' }, 'hold_id'],
    ['a 37-character hold id (longer than a ClientRequestToken)', { holdId: 'h'.repeat(37) }, 'hold_id'],
    ['a hold id with a colon', { holdId: 'rsv:1' }, 'hold_id'],
    ['a bad event id', { eventId: 'evt 1' }, 'event_id'],
    ['an empty user id', { userId: ' ' }, 'user_id'],
    ['a 129-character user id', { userId: 'u'.repeat(129) }, 'user_id'],
    ['no selection', { selection: undefined }, 'selection'],
    ['no seat ids', { selection: seatIds() }, 'selection.seat_ids.seat_ids'],
    ['too many seat ids', { selection: seatIds(...Array.from({ length: 11 }, (_, i) => `A-${i}`)) }, 'selection.seat_ids.seat_ids'],
    ['a bad seat id', { selection: seatIds('A-1', 'A 2') }, 'selection.seat_ids.seat_ids[1]'],
    ['a zero quantity', { selection: bestAvailable(0) }, 'selection.best_available.quantity'],
    ['a fractional quantity', { selection: bestAvailable(1.5) }, 'selection.best_available.quantity'],
    ['a quantity above the limit', { selection: bestAvailable(11) }, 'selection.best_available.quantity'],
    ['a bad section id', { selection: bestAvailable(2, '') }, 'selection.best_available.section_id'],
  ] as const)('rejects %s, naming the field', (_, extra, field) => {
    const error = failure(request(extra));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details['field']).toBe(field);
  });

  it('accepts a hold id of exactly 36 characters', () => {
    expect(() => validateHoldRequest(request({ holdId: 'h'.repeat(36) }), limits)).not.toThrow();
  });

  it('lists every duplicated seat id, naming the first repeat', () => {
    const error = failure(request({ selection: seatIds('A-1', 'A-2', 'A-1', 'A-3', 'A-2', 'A-1') }));
    expect(error.details['field']).toBe('selection.seat_ids.seat_ids[2]');
    expect(error.details['conflictingSeatIds']).toEqual(['A-1', 'A-2']);
  });

  it('refuses to run with a configured maximum no transaction can hold', () => {
    expect(() => validateHoldRequest(request(), { maxSeatsPerHold: 100 })).toThrow(RangeError);
  });
});

describe('assertMaxSeatsPerHold', () => {
  it('allows up to 99 seats: a transaction holds 100 items, one of them the hold record', () => {
    expect(maxSeatsPerHoldCeiling).toBe(99);
    expect(() => assertMaxSeatsPerHold(99)).not.toThrow();
    expect(() => assertMaxSeatsPerHold(1)).not.toThrow();
  });

  it.each([100, 0, 2.5])('rejects %s', (max) => {
    expect(() => assertMaxSeatsPerHold(max)).toThrow(RangeError);
  });
});
