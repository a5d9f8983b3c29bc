import { performance } from 'node:perf_hooks';
import { createAwsClients, publishEvent, type AwsClients } from '@ticketing/aws';
import { paymentOutcomeEvent } from '@ticketing/event-contracts';
import type { EventBusTarget, PayableReservation, PublishedPayment } from './worker-scenario-plan';

/**
 * The payment provider's integration, simulated: one `payment.approved` per reservation, published
 * to the run's bus with one PutEvents call each. The emulator routes it to the worker's queue
 * within the call, so when the call returns the event is in the queue.
 */
export class PaymentPublisher {
  private readonly aws: AwsClients;

  constructor(private readonly target: EventBusTarget) {
    this.aws = createAwsClients({ region: target.region, eventBridgeEndpoint: target.eventBridgeEndpoint });
  }

  /**
   * Publishes the approval of `reservation`; `publishedAtMs` is `dueAt` (a `performance.now()`
   * value) when given, else the moment the call was sent.
   */
  async approve(reservation: PayableReservation, dueAt?: number): Promise<PublishedPayment> {
    const event = paymentOutcomeEvent({
      reservationId: reservation.reservationId,
      outcome: 'approved',
      paymentIntentId: `pi_bench_${reservation.reservationId.slice(-12)}`,
      amount: { amount: reservation.amount, currency: reservation.currency },
    });
    const sent = performance.now();
    await publishEvent(this.aws, { eventBusName: this.target.eventBusName, ...event });
    return {
      messageId: event.detail.message_id,
      reservationId: reservation.reservationId,
      publishedAtMs: performance.timeOrigin + (dueAt ?? sent),
      putEventsMs: Math.round((performance.now() - sent) * 100) / 100,
    };
  }

  close(): void {
    this.aws.destroy();
  }
}
