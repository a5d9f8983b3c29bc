import { counter, gauge, histogram, httpServerMetrics, metricDefinitionList } from '@ticketing/telemetry/metric-definitions';

/**
 * Business metrics of the reservation API. Labels are low-cardinality by construction: the
 * operation and an outcome word or error code — never a user, event or reservation id.
 */
export const reservationApiMetrics = {
  reservations: counter({
    name: 'reservation_api_reservations_total',
    help: 'Reservation operations by outcome (ok, replayed, or the error code).',
    labelNames: ['operation', 'outcome'],
  }),
  idempotency: counter({
    name: 'reservation_api_idempotency_total',
    help: 'Idempotency-Key handling: executed, replayed, conflict (other body), in_flight, missing.',
    labelNames: ['result'],
  }),
  dynamodbCalls: counter({
    name: 'reservation_api_dynamodb_calls_total',
    help: "DynamoDB calls by operation (GetItem, Query, TransactWriteItems, …), the outbox relay's included: a POST refused by the inventory makes none.",
    labelNames: ['operation'],
  }),
  inventoryCircuitOpen: gauge({
    name: 'reservation_api_inventory_circuit_open',
    help: '1 while the circuit breaker in front of the inventory is open.',
  }),
} as const;

/** The per-user rate limiter's metrics (created while RATE_LIMIT_ENABLED is true). */
export const rateLimitMetrics = {
  refused: counter({
    name: 'reservation_api_rate_limited_total',
    help: 'Requests refused with 429 RATE_LIMITED by the per-user rate limit.',
  }),
  storeFailures: counter({
    name: 'reservation_api_rate_limit_store_failures_total',
    help: 'Rate-limit checks skipped because the store (Redis) failed; those requests went through unlimited.',
  }),
} as const;

/**
 * The outbox relay's metrics (created while OUTBOX_RELAY_ENABLED is true, once per process and
 * shared by its relays). Labels are outcomes only — never an event, reservation or user id.
 */
export const outboxRelayMetrics = {
  published: counter({
    name: 'outbox_published_total',
    help: 'Outbox events published to EventBridge and marked PUBLISHED (each event counts once).',
  }),
  failed: counter({
    name: 'outbox_failed_total',
    help: 'Outbox events given up on and marked FAILED, by reason: rejected (EventBridge or the publisher refused the event itself) or attempts_exhausted.',
    labelNames: ['reason'],
  }),
  publishAttempts: counter({
    name: 'outbox_publish_attempts_total',
    help: 'Attempts to publish one outbox event, by outcome: published, retryable_error, permanent_error.',
    labelNames: ['outcome'],
  }),
  lag: histogram({
    name: 'outbox_lag_seconds',
    help: 'Time from an outbox event being due to it being published.',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
  }),
  leasesLost: counter({
    name: 'outbox_leases_lost_total',
    help: 'Published events whose lease had been taken over before they were marked (each one is published twice; raise OUTBOX_LEASE_MS if this grows).',
  }),
  runs: counter({
    name: 'outbox_relay_runs_total',
    help: 'Outbox relay drains, by outcome (ok, failed: the outbox table was unreachable).',
    labelNames: ['outcome'],
  }),
} as const;

/**
 * Every metric the reservation API serves at `/metrics` besides the Node.js process metrics, in
 * order: the request histogram of its ops routes (both listeners), its own, the rate limiter's and
 * the outbox relay's.
 */
export const reservationApiMetricDefinitions = metricDefinitionList(httpServerMetrics, reservationApiMetrics, rateLimitMetrics, outboxRelayMetrics);
