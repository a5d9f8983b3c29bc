export {
  ReservationStore,
  defaultReservationPageSize,
  maxReservationPageSize,
  type ReservationPage,
  type ReservationStoreOptions,
  type ReservationStoreTables,
} from './reservation.store';
export {
  type ReservationChanges,
  reservationWithDuplicatePayment,
  reservationWithPayment,
  transitionedReservation,
} from './reservation-writes';
export * from './idempotency';
export type { CommitOptions } from './transaction-commit';
export { maxTransactionWrites, type TransactionWrite } from './transaction-write';
export { type FailedWrite, WriteConditionFailedError } from './write-condition-failed.error';
export type { WriteOperation, WriteTarget } from './write-target';
export { StoreUnavailableError, type StoreUnavailableReason } from './store-unavailable.error';
export { defaultConflictRetryPolicy } from './retry-policy';
export type { RetryPolicy } from '@ticketing/stored-items';
export { listCursorPattern } from './list-cursor';
