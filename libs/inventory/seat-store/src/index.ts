export { EventStore, type CreateEventResult, type EventStoreOptions, type EventStoreTables } from './event.store';
export { SeatStore, type SeatLocation, type SeatStoreOptions, type SeatStoreTables } from './seat.store';
export {
  HoldStore,
  type CommitHoldResult,
  type HoldStoreOptions,
  type PlaceHoldResult,
  type ReleaseHoldResult,
} from './hold.store';
export type { HoldTables } from './hold-transactions';
export { SeatsUnavailableError } from './seats-unavailable.error';
export { defaultRetryPolicy } from './retry-policy';
export type { RetryPolicy } from '@ticketing/stored-items';
export { activeHoldBuckets } from './item-keys';
