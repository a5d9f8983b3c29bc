import { TicketingError } from '@ticketing/errors';
import type { OutboxEvent } from '@ticketing/reservation-domain';
import { describe, expect, it } from 'vitest';
import { assertStorableEvent, newOutboxItem, outboxItemFromStored } from './outbox-item.codec';

const event: OutboxEvent = {
  eventId: 'oe_01JABCDEF',
  source: 'ticketing.reservation',
  detailType: 'reservation.hold.created',
  detail: { reservation_id: 'rsv_1', total: { amount_minor: 12_500, currency: 'EUR' }, seat_ids: ['A-1', 'A-2'] },
  dueAt: new Date('2026-05-01T10:00:00.000Z'),
  createdAt: new Date('2026-05-01T10:00:00.000Z'),
};

describe('outbox item codec', () => {
  it('round-trips a new item as PENDING, available at its due time, without TTL', () => {
    const stored = newOutboxItem(event);
    expect(stored).toMatchObject({ pk: 'OUTBOX#oe_01JABCDEF', sk: 'EVENT', status: 'PENDING', attempts: 0 });
    expect(stored['gsi1pk']).toMatch(/^PENDING#[0-7]$/);
    expect(stored['gsi1sk']).toBe(`00${event.dueAt.getTime()}#oe_01JABCDEF`);
    expect(stored).not.toHaveProperty('expires_at_epoch');
    expect(outboxItemFromStored(stored)).toEqual({
      event,
      status: 'PENDING',
      attempts: 0,
      availableAt: event.dueAt,
      leaseOwner: undefined,
      leaseUntil: undefined,
      lastError: undefined,
      publishedAt: undefined,
      failedAt: undefined,
    });
  });

  it('reports a corrupt item as INTERNAL naming the attribute', () => {
    const stored = { ...newOutboxItem(event), due_at: 'soon' };
    expect(() => outboxItemFromStored(stored)).toThrow(/number "due_at"/);
  });

  it.each([
    ['an id with #', { ...event, eventId: 'oe#1' }, /must match/],
    ['an empty id', { ...event, eventId: '' }, /must match/],
    ['the reserved message_id field', { ...event, detail: { message_id: 'm_1' } }, /reserved/],
    ['a detail JSON cannot carry', { ...event, detail: { amount: 10n } }, /not serialisable/],
    ['an entry over 256 KB', { ...event, detail: { blob: 'x'.repeat(256 * 1024) } }, /at most 262144/],
    ['an invalid due time', { ...event, dueAt: new Date(Number.NaN) }, /invalid dueAt/],
  ])('refuses %s', (_, candidate, message) => {
    expect(() => assertStorableEvent(candidate as OutboxEvent)).toThrow(message);
    expect(() => assertStorableEvent(candidate as OutboxEvent)).toThrow(TicketingError);
  });
});
