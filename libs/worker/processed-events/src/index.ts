export { ProcessedEventStore, type ProcessedEventClaim, type ProcessedEventKey } from './processed-event.store';
