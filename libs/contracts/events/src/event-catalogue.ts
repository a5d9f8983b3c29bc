import type { TSchema } from 'typebox';
import { paymentOutcomeDetail, reservationEventDetail } from './event-details';
import { paymentEventSource, reservationEventSource } from './event-types';

/** One domain event on the platform's bus: what it is, who sends it, what its detail holds. */
export interface EventDefinition {
  /** The EventBridge `detail-type`. */
  readonly detailType: string;
  /** The EventBridge `source`. */
  readonly source: string;
  /** Who publishes it. */
  readonly publisher: string;
  /** What happened when it is published. */
  readonly meaning: string;
  /** The schema of its `detail`. */
  readonly detail: TSchema;
}

const outboxRelay = 'reservation-api (outbox relay)';
const paymentIntegration = "the payment provider's integration (locally `npm run pay`)";

/**
 * Every domain event on the `ticketing` bus. Who consumes each one follows from the EventBridge
 * rules in `@ticketing/resources`; docs/reference/events.md is rendered from both.
 */
export const eventCatalogue: readonly EventDefinition[] = [
  {
    detailType: 'reservation.hold.created',
    source: reservationEventSource,
    publisher: outboxRelay,
    meaning: 'A reservation was created: its seats are held until `hold_expires_at`.',
    detail: reservationEventDetail,
  },
  {
    detailType: 'reservation.confirmed',
    source: reservationEventSource,
    publisher: outboxRelay,
    meaning: 'An approved payment confirmed the reservation: its seats are SOLD and its order created.',
    detail: reservationEventDetail,
  },
  {
    detailType: 'reservation.cancelled',
    source: reservationEventSource,
    publisher: outboxRelay,
    meaning: 'The user cancelled a reservation on HOLD, or its payment failed; the hold was released.',
    detail: reservationEventDetail,
  },
  {
    detailType: 'reservation.expired',
    source: reservationEventSource,
    publisher: outboxRelay,
    meaning:
      "The reservation's hold ran out. Written with the hold and due at its expiry (the outbox doubles as the scheduler); the worker then expires a reservation still on HOLD.",
    detail: reservationEventDetail,
  },
  {
    detailType: 'reservation.refund_required',
    source: reservationEventSource,
    publisher: outboxRelay,
    meaning:
      'A payment arrived that cannot buy the seats (they are gone, or the reservation was cancelled), or a second approved payment for a settled reservation: `payment` is the one to refund.',
    detail: reservationEventDetail,
  },
  {
    detailType: 'payment.approved',
    source: paymentEventSource,
    publisher: paymentIntegration,
    meaning: 'The payment provider approved the payment intent for a reservation.',
    detail: paymentOutcomeDetail,
  },
  {
    detailType: 'payment.failed',
    source: paymentEventSource,
    publisher: paymentIntegration,
    meaning: 'The payment provider refused the payment intent for a reservation.',
    detail: paymentOutcomeDetail,
  },
];
