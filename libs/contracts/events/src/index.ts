/**
 * The domain events on the platform's bus, as a contract between their producers (the
 * reservation API's outbox, the payment provider's integration, the payment simulator) and their
 * consumers (the worker): sources, detail types, detail schemas, the catalogue of every event,
 * the parser of the EventBridge envelope, and the reference tables rendered from them.
 */
export * from './event-types';
export * from './event-details';
export * from './event-catalogue';
export * from './event-envelope';
export * from './event-reference';
export * from './payment-outcome-event';
