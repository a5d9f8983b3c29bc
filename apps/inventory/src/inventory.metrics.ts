import { Counter, Histogram, type Registry } from '@ticketing/telemetry';

/**
 * The inventory's business and RPC metrics. Labels are low-cardinality by construction: outcomes,
 * operations, method names — never an event, seat, hold or user id.
 */
export function createInventoryMetrics(registry: Registry) {
  const registers = [registry];
  return {
    grpcHandled: new Counter({
      name: 'grpc_server_handled_total',
      help: 'RPCs completed, by method and gRPC status code.',
      labelNames: ['grpc_service', 'grpc_method', 'grpc_code'] as const,
      registers,
    }),
    grpcHandlingSeconds: new Histogram({
      name: 'grpc_server_handling_seconds',
      help: 'RPC handling time, by method.',
      labelNames: ['grpc_service', 'grpc_method'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    holds: new Counter({
      name: 'inventory_holds_total',
      help: 'HoldSeats outcomes: held, replayed (same hold id again), conflict, contended, throttled, invalid, failed.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    conflicts: new Counter({
      name: 'inventory_hold_conflicts_total',
      help: 'Holds refused because seats were taken, by who caught it: the Redis gate or DynamoDB.',
      labelNames: ['detected_by'] as const,
      registers,
    }),
    seatsHeld: new Counter({ name: 'inventory_seats_held_total', help: 'Seats placed on hold.', registers }),
    seatsSold: new Counter({ name: 'inventory_seats_sold_total', help: 'Seats sold (holds committed).', registers }),
    seatsReleased: new Counter({
      name: 'inventory_seats_released_total',
      help: 'Seats given back, by reason (user_cancelled, payment_failed, expired, reservation_failed).',
      labelNames: ['reason'] as const,
      registers,
    }),
    transactionSeconds: new Histogram({
      name: 'inventory_dynamodb_transaction_seconds',
      help: 'DynamoDB TransactWriteItems latency, by operation (hold, commit, release) and outcome.',
      labelNames: ['operation', 'outcome'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    dynamodbCalls: new Counter({
      name: 'inventory_dynamodb_calls_total',
      help: 'DynamoDB API calls, by operation.',
      labelNames: ['operation'] as const,
      registers,
    }),
    gate: new Counter({
      name: 'inventory_redis_gate_total',
      help: 'Redis gate decisions: passed (seats claimed), rejected (taken; DynamoDB spared), bypassed (Redis unavailable).',
      labelNames: ['decision'] as const,
      registers,
    }),
    seatView: new Counter({
      name: 'inventory_seat_view_reads_total',
      help: 'Seat-status reads per section: hit (Redis view), rebuilt (from DynamoDB into Redis), fallback (DynamoDB, Redis unavailable).',
      labelNames: ['source'] as const,
      registers,
    }),
    sweeperRuns: new Counter({
      name: 'inventory_sweeper_runs_total',
      help: 'Expiry sweeper runs, by outcome.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    sweptHolds: new Counter({
      name: 'inventory_sweeper_expired_holds_total',
      help: 'Holds the sweeper marked EXPIRED.',
      registers,
    }),
    redisCircuit: new Counter({
      name: 'inventory_redis_circuit_transitions_total',
      help: 'Redis circuit breaker state changes, by new state.',
      labelNames: ['state'] as const,
      registers,
    }),
  };
}

export type InventoryMetrics = ReturnType<typeof createInventoryMetrics>;
