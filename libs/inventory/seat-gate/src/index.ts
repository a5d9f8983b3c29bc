export { SeatGate } from './seat-gate';
export type { BlockClaimOutcome, RememberedSeat, SeatClaimOutcome, SeatConflict, SeatGateOptions } from './seat-gate.types';
export { SeatStatusView } from './seat-status-view';
export type { SeatStatusUpdate, SeatStatusViewOptions, ViewedSeatStatus } from './seat-status-view.types';
export type { RedisConnection } from './lua-command';
export { CorruptSeatStatusViewError, InvalidSeatGateArgumentError, isSeatGateBug } from './seat-gate.errors';
