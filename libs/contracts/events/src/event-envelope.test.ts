import { describe, expect, it } from 'vitest';
import { parseWorkerEvent, UnusableEventError } from './event-envelope';

const reservationId = 'rsv_01JD0000000000000000000000';
const envelope = (overrides: Record<string, unknown> = {}, detail: Record<string, unknown> = {}) =>
  JSON.stringify({
    version: '0',
    id: 'env-1',
    source: 'ticketing.payment',
    'detail-type': 'payment.approved',
    time: '2026-11-21T10:00:00Z',
    detail: {
      message_id: 'pay_evt_1',
      reservation_id: reservationId,
      payment_intent_id: 'pi_1',
      amount: { amount: 5000, currency: 'EUR' },
      ...detail,
    },
    ...overrides,
  });

const failure = (body: string | undefined): UnusableEventError => {
  try {
    parseWorkerEvent(body);
  } catch (error) {
    if (error instanceof UnusableEventError) return error;
    throw error;
  }
  throw new Error('parsed');
};

describe('parseWorkerEvent', () => {
  it('parses a payment outcome with its envelope', () => {
    const event = parseWorkerEvent(envelope());
    expect(event).toMatchObject({ detailType: 'payment.approved', envelopeId: 'env-1', detail: { payment_intent_id: 'pi_1' } });
    expect(event.publishedAt?.toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });

  it('accepts the extra fields the outbox sends with reservation.expired', () => {
    const body = envelope(
      { source: 'ticketing.reservation', 'detail-type': 'reservation.expired' },
      { payment_intent_id: undefined, amount: undefined, seat_ids: ['A-1'], user_id: 'u' },
    );
    expect(parseWorkerEvent(body)).toMatchObject({ detailType: 'reservation.expired', detail: { reservation_id: reservationId } });
  });

  it('names what is wrong with a malformed message', () => {
    expect(failure('{oops')).toMatchObject({ kind: 'malformed', message: 'the message body is not JSON' });
    expect(failure(undefined).kind).toBe('malformed');
    expect(failure(JSON.stringify({ id: 'x' })).message).toMatch(/not an EventBridge envelope/);
    expect(failure(envelope({}, { amount: { amount: -1, currency: 'EUR' } }))).toMatchObject({
      kind: 'malformed',
      detailType: 'payment.approved',
      message: expect.stringMatching(/\/amount\/amount/),
    });
    expect(failure(envelope({}, { reservation_id: 'not-a-reservation' })).message).toMatch(/reservation_id/);
  });

  it('refuses detail types it has no handler for, and known types from the wrong source', () => {
    expect(failure(envelope({ 'detail-type': 'payment.refunded' }))).toMatchObject({ kind: 'unknown-detail-type', detailType: 'payment.refunded' });
    // Only the payment integration may say a payment was approved.
    expect(failure(envelope({ source: 'ticketing.reservation' })).kind).toBe('unknown-detail-type');
  });
});
