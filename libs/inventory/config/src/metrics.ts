import { counter, histogram, metricDefinitionList } from '@ticketing/telemetry/metric-definitions';

/**
 * The inventory's business and RPC metrics: the app creates them from these definitions, and
 * docs/reference/metrics.md lists them. Labels are low-cardinality by construction: outcomes,
 * operations, method names — never an event, seat, hold or user id.
 */
export const inventoryMetrics = {
  grpcHandled: counter({
    name: 'grpc_server_handled_total',
    help: 'RPCs completed, by method and gRPC status code.',
    labelNames: ['grpc_service', 'grpc_method', 'grpc_code'],
  }),
  grpcHandlingSeconds: histogram({
    name: 'grpc_server_handling_seconds',
    help: 'RPC handling time, by method.',
    labelNames: ['grpc_service', 'grpc_method'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  }),
  holds: counter({
    name: 'inventory_holds_total',
    help: 'HoldSeats outcomes: held, replayed (same hold id again), conflict, contended, throttled, invalid, failed.',
    labelNames: ['outcome'],
  }),
  conflicts: counter({
    name: 'inventory_hold_conflicts_total',
    help: 'Holds refused because seats were taken, by who caught it: the Redis gate or DynamoDB.',
    labelNames: ['detected_by'],
  }),
  seatsHeld: counter({ name: 'inventory_seats_held_total', help: 'Seats placed on hold.' }),
  seatsSold: counter({ name: 'inventory_seats_sold_total', help: 'Seats sold (holds committed).' }),
  seatsReleased: counter({
    name: 'inventory_seats_released_total',
    help: 'Seats given back, by reason (user_cancelled, payment_failed, expired, reservation_failed).',
    labelNames: ['reason'],
  }),
  transactionSeconds: histogram({
    name: 'inventory_dynamodb_transaction_seconds',
    help: 'DynamoDB TransactWriteItems latency, by operation (hold, commit, release) and outcome.',
    labelNames: ['operation', 'outcome'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  }),
  dynamodbCalls: counter({
    name: 'inventory_dynamodb_calls_total',
    help: 'DynamoDB API calls, by operation.',
    labelNames: ['operation'],
  }),
  gate: counter({
    name: 'inventory_redis_gate_total',
    help: 'Redis gate decisions: passed (seats claimed), rejected (taken; DynamoDB spared), bypassed (Redis unavailable).',
    labelNames: ['decision'],
  }),
  seatView: counter({
    name: 'inventory_seat_view_reads_total',
    help: 'Seat-status reads per section: hit (Redis view), rebuilt (from DynamoDB into Redis), fallback (DynamoDB, Redis unavailable).',
    labelNames: ['source'],
  }),
  sweeperRuns: counter({
    name: 'inventory_sweeper_runs_total',
    help: 'Expiry sweeper runs, by outcome.',
    labelNames: ['outcome'],
  }),
  sweptHolds: counter({ name: 'inventory_sweeper_expired_holds_total', help: 'Holds the sweeper marked EXPIRED.' }),
  redisCircuit: counter({
    name: 'inventory_redis_circuit_transitions_total',
    help: 'Redis circuit breaker state changes, by new state.',
    labelNames: ['state'],
  }),
} as const;

/** Every metric the inventory serves at `/metrics` besides the Node.js process metrics, in order. */
export const inventoryMetricDefinitions = metricDefinitionList(inventoryMetrics);
