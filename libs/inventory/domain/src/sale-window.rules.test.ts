import { describe, expect, it } from 'vitest';
import { failureOf } from '../test/failure-of';
import { assertOnSale, isOnSale } from './sale-window.rules';

const startsAt = new Date('2026-03-01T10:00:00.000Z');
const endsAt = new Date('2026-06-01T10:00:00.000Z');
const event = { eventId: 'evt_1', saleStartsAt: startsAt, saleEndsAt: endsAt };
const at = (iso: string) => new Date(iso);

describe('isOnSale', () => {
  it('opens at the start, inclusive, and closes at the end, exclusive', () => {
    expect(isOnSale(event, at('2026-03-01T09:59:59.999Z'))).toBe(false);
    expect(isOnSale(event, startsAt)).toBe(true);
    expect(isOnSale(event, at('2026-06-01T09:59:59.999Z'))).toBe(true);
    expect(isOnSale(event, endsAt)).toBe(false);
  });

  it('leaves an unset bound open', () => {
    expect(isOnSale({ ...event, saleStartsAt: undefined }, at('2000-01-01T00:00:00Z'))).toBe(true);
    expect(isOnSale({ ...event, saleEndsAt: undefined }, at('2100-01-01T00:00:00Z'))).toBe(true);
    expect(isOnSale({ eventId: 'evt_1', saleStartsAt: undefined, saleEndsAt: undefined }, new Date())).toBe(true);
  });
});

describe('assertOnSale', () => {
  it('passes inside the window', () => {
    expect(() => assertOnSale(event, at('2026-04-01T00:00:00Z'))).not.toThrow();
  });

  it('fails outside it with EVENT_NOT_ON_SALE carrying the window', () => {
    const error = failureOf(() => assertOnSale(event, endsAt));
    expect(error.code).toBe('EVENT_NOT_ON_SALE');
    expect(error.details).toEqual({ sale_starts_at: startsAt.toISOString(), sale_ends_at: endsAt.toISOString() });
    expect(error.message).toContain('evt_1');
  });
});
