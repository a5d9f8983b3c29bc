export { ProcessedEventStore, type LockAttempt, type ProcessedEventClaim, type ProcessedEventKey } from './processed-event.store';
