import type { WorkerEvent } from '@ticketing/event-contracts';
import type { ReservationApiClient } from '../reservation-api/reservation-api.client';
import type { EventHandler, HandlerContext } from '../handling/event-handler';

type PaymentEvent = Extract<WorkerEvent, { detailType: 'payment.approved' | 'payment.failed' }>;

/**
 * `payment.failed`: the API records the outcome; a reservation on HOLD is cancelled and its seats
 * released, any other state only gets the payment noted.
 */
export class PaymentFailedHandler implements EventHandler<PaymentEvent> {
  constructor(private readonly api: ReservationApiClient) {}

  async handle(event: PaymentEvent, context: HandlerContext): Promise<string> {
    const { detail } = event;
    const after = await this.api.recordPayment(
      detail.reservation_id,
      { payment_intent_id: detail.payment_intent_id, status: 'FAILED', amount: detail.amount },
      { idempotencyKey: context.idempotencyKey('payment-failed'), traceparent: context.traceparent },
    );
    return after.status === 'CANCELLED' ? 'cancelled' : 'recorded';
  }
}
