import { randomUUID } from 'node:crypto';
import type { PaymentOutcomeDetail } from './event-details';
import { paymentEventSource, type PaymentDetailType } from './event-types';

/** What a payment provider's integration knows about a payment outcome. */
export interface PaymentOutcome {
  readonly reservationId: string;
  readonly outcome: 'approved' | 'failed';
  readonly paymentIntentId: string;
  readonly amount: { readonly amount: number; readonly currency: string };
  /** The provider's id of this notification; a new one by default. Reuse it to simulate a redelivery. */
  readonly messageId?: string;
  readonly traceparent?: string;
}

/**
 * The `payment.approved` / `payment.failed` event for a payment outcome, as the payment
 * provider's integration publishes it to the event bus (source `ticketing.payment`).
 */
export function paymentOutcomeEvent(payment: PaymentOutcome): {
  readonly source: typeof paymentEventSource;
  readonly detailType: PaymentDetailType;
  readonly detail: PaymentOutcomeDetail;
} {
  return {
    source: paymentEventSource,
    detailType: payment.outcome === 'approved' ? 'payment.approved' : 'payment.failed',
    detail: {
      message_id: payment.messageId ?? `pay_evt_${randomUUID()}`,
      reservation_id: payment.reservationId,
      payment_intent_id: payment.paymentIntentId,
      amount: { amount: payment.amount.amount, currency: payment.amount.currency },
      ...(payment.traceparent ? { traceparent: payment.traceparent } : {}),
    },
  };
}
