/**
 * The events the reservation worker consumes, as a contract between their producers (the
 * reservation API's outbox, the payment provider's integration, the payment simulator) and the
 * worker: sources, detail types, detail schemas, and the parser of the EventBridge envelope.
 */
export * from './event-types';
export * from './event-details';
export * from './event-envelope';
export * from './payment-outcome-event';
