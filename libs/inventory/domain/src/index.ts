export type {
  EventDefinition,
  Hold,
  HoldRequest,
  HoldStatus,
  Money,
  ReleaseReason,
  RowDefinition,
  SeatCounts,
  SeatDefinition,
  SeatPlacement,
  SeatSelection,
  SeatState,
  SeatStatus,
  SectionDefinition,
  SectionSummary,
  StoredEvent,
} from './inventory.types';
export {
  eventConflict,
  eventNotFound,
  sectionNotFound,
  eventNotOnSale,
  holdConflict,
  holdExpired,
  holdNotActive,
  holdNotFound,
  invalidField,
  inventoryContended,
  inventoryThrottled,
  seatsUnavailable,
  unknownSeats,
} from './inventory.errors';
export { identifierPattern, identifierProblem, isValidIdentifier, maxIdentifierLength } from './identifier.rules';
export { moneyProblem, sameMoney } from './money.rules';
export { defaultEventLimits, validateEventDefinition, type EventLimits } from './event-definition.validation';
export { layoutFingerprint } from './layout.fingerprint';
export { assignStorageBlocks, defaultMaxSeatsPerBlock } from './storage-blocks';
export { buildEventLayout, EventLayout, type EventLayoutOptions } from './event-layout';
export {
  compactLayoutFormat,
  defaultMaxSeatsPerChunk,
  maxCompactChunkBytes,
  type CompactLayout,
  type CompactLayoutChunk,
  type CompactLayoutHeader,
  type CompactPrice,
  type CompactRowRun,
  type CompactSeat,
  type CompactSection,
} from './event-layout.compact';
export { isPastExpiry } from './expiry.rules';
export { effectiveSeatStatus } from './seat-status.rules';
export { effectiveHoldStatus } from './hold-status.rules';
export { countSeats } from './seat-counts';
export { bestAvailableBlocks, chooseBestAvailable, type BestAvailableCandidate, type BestAvailableOptions } from './best-available.selector';
export { splitPartyBlocks } from './split-party.selector';
export { holdTtlBoundsAreConsistent, resolveHoldTtl, type HoldTtlBounds } from './hold-ttl.policy';
export {
  assertMaxSeatsPerHold,
  maxHoldIdLength,
  maxSeatsPerHoldCeiling,
  maxUserIdLength,
  validateHoldRequest,
  type HoldRequestLimits,
} from './hold-request.policy';
export { holdRequestFingerprint } from './hold-request.fingerprint';
export { holdTotal } from './hold-total';
export { assertOnSale, isOnSale, type SaleWindow } from './sale-window.rules';
