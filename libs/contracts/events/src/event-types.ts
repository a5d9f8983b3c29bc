/** EventBridge `source` of the events the reservation API's outbox publishes. */
export const reservationEventSource = 'ticketing.reservation';

/** EventBridge `source` of payment outcomes (the payment provider's integration; locally the simulator). */
export const paymentEventSource = 'ticketing.payment';

/** The detail types the reservation worker handles, by the source that may send them. */
export const workerDetailTypes = {
  'reservation.expired': reservationEventSource,
  'payment.approved': paymentEventSource,
  'payment.failed': paymentEventSource,
} as const;

/** A detail type the worker handles. */
export type WorkerDetailType = keyof typeof workerDetailTypes;

/** Payment outcomes, as detail types. */
export type PaymentDetailType = 'payment.approved' | 'payment.failed';
