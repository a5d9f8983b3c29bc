export { newOrderId, newReservationId, isReservationId } from './reservation-id';
export { idempotencyRequestHash } from './request-hash';
export { holdCreatedEvents, reservationEvent } from './reservation-events';
export { reservationNotFound } from './reservation.errors';
export { assertTransition, canTransition } from './reservation-state';
export { reservationEventTypes } from './reservation.types';
export type {
  Money,
  Order,
  OutboxEvent,
  RecordedPayment,
  Reservation,
  ReservationEventType,
  ReservationStatus,
  ReservedSeat,
} from './reservation.types';
