import type { EventBusDefinition } from './resource-definition.types';

/**
 * The platform's event bus. reservation-api's outbox relay publishes `ticketing.reservation`
 * events; the payment provider (a simulator locally) publishes `ticketing.payment` events with
 * its own credentials, outside this platform's service accounts.
 */
export const ticketingEventBus: EventBusDefinition = {
  logicalName: 'ticketing',
  owner: 'reservation-api',
  description: 'Reservation and payment events.',
  access: [
    {
      service: 'reservation-api',
      actions: ['events:PutEvents'],
      reason: 'the outbox relay publishes reservation events',
    },
  ],
};

/** Every event bus. */
export const eventBusDefinitions: readonly EventBusDefinition[] = [ticketingEventBus];
