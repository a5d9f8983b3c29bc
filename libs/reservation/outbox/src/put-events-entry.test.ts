import type { OutboxEvent } from '@ticketing/reservation-domain';
import { describe, expect, it } from 'vitest';
import { entrySizeBytes, planPutEventsCalls, putEventsEntry } from './put-events-entry';

const event: OutboxEvent = {
  eventId: 'oe_1',
  source: 'ticketing.reservation',
  detailType: 'reservation.expired',
  detail: { reservation_id: 'rsv_1', seat_ids: ['A-1'], traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  dueAt: new Date('2026-05-01T10:00:00.000Z'),
  createdAt: new Date('2026-05-01T09:50:00.000Z'),
};

describe('putEventsEntry', () => {
  it('carries the detail plus the outbox id as message_id, timed at the due time', () => {
    const entry = putEventsEntry(event, 'bus');
    expect(entry).toMatchObject({
      EventBusName: 'bus',
      Source: 'ticketing.reservation',
      DetailType: 'reservation.expired',
      Time: event.dueAt,
    });
    expect(JSON.parse(entry.Detail ?? '')).toEqual({ ...event.detail, message_id: 'oe_1' });
  });

  it('counts size as EventBridge does: 14 for Time plus UTF-8 bytes, bus name excluded', () => {
    const entry = { Time: new Date(), Source: 'ab', DetailType: 'c', Detail: '{"x":"é"}', EventBusName: 'long-bus-name' };
    expect(entrySizeBytes(entry)).toBe(14 + 2 + 1 + 10);
  });
});

describe('planPutEventsCalls', () => {
  it('puts at most 10 entries in a call', () => {
    const calls = planPutEventsCalls(Array.from({ length: 23 }, () => 100));
    expect(calls.map((call) => call.length)).toEqual([10, 10, 3]);
    expect(calls.flat()).toEqual(Array.from({ length: 23 }, (_, index) => index));
  });

  it('starts a new call before the byte budget would be exceeded, and skips entries over it alone', () => {
    expect(planPutEventsCalls([400, 400, 300, 1_200, 100], 1_000)).toEqual([[0, 1], [2, 4]]);
    expect(planPutEventsCalls([1_000, 1_000], 1_000)).toEqual([[0], [1]]);
  });
});
