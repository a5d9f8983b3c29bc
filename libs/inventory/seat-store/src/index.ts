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
export { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
export { activeHoldBuckets } from './item-keys';
