export { SeatGate } from './seat-gate';
export type { BlockClaimOutcome, RememberedSeat, SeatClaimOutcome, SeatConflict, SeatGateOptions } from './seat-gate.types';
export { SeatStatusView } from './seat-status-view';
export type { SeatStatusUpdate, SeatStatusViewOptions, ViewedSeatStatus } from './seat-status-view.types';
export { RedisCircuit } from './redis-circuit';
export type {
  RedisCircuitOptions,
  RedisCircuitResult,
  RedisCircuitState,
  RedisCircuitStateListener,
} from './redis-circuit.types';
export type { RedisConnection } from './lua-command';
export { CorruptSeatStatusViewError, InvalidSeatGateArgumentError } from './seat-gate.errors';
