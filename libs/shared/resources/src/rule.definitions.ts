import { ticketingEventBus } from './event-bus.definitions';
import { reservationWorkerQueue } from './queue.definitions';
import type { RuleDefinition } from './resource-definition.types';

/*
 * Rules need no runtime permissions: infrastructure creates them, and EventBridge delivers to the
 * queue under the queue policy the provisioner writes (events.amazonaws.com, this rule's ARN).
 */

/** Expired holds, scheduled through the outbox, go to the worker for cleanup. */
export const reservationExpiredRule: RuleDefinition = {
  logicalName: 'reservation-expired',
  owner: 'reservation-worker',
  description: 'reservation.expired events to the reservation worker.',
  eventBus: ticketingEventBus.logicalName,
  eventPattern: { source: ['ticketing.reservation'], 'detail-type': ['reservation.expired'] },
  targetQueue: reservationWorkerQueue.logicalName,
  access: [],
};

/** Payment outcomes go to the worker, which confirms or cancels the reservation. */
export const paymentOutcomesRule: RuleDefinition = {
  logicalName: 'payment-outcomes',
  owner: 'reservation-worker',
  description: 'payment.approved and payment.failed events to the reservation worker.',
  eventBus: ticketingEventBus.logicalName,
  eventPattern: { source: ['ticketing.payment'], 'detail-type': ['payment.approved', 'payment.failed'] },
  targetQueue: reservationWorkerQueue.logicalName,
  access: [],
};

/** Every rule. */
export const ruleDefinitions: readonly RuleDefinition[] = [reservationExpiredRule, paymentOutcomesRule];
