import { counter, gauge, histogram, metricDefinitionList } from '@ticketing/telemetry/metric-definitions';

/**
 * Metrics of the reservation worker: the app creates them from these definitions, and
 * docs/reference/metrics.md lists them. Labels are a detail type and an outcome or reason word,
 * never an event, reservation or user id.
 */
export const reservationWorkerMetrics = {
  events: counter({
    name: 'worker_events_total',
    help: 'Events by detail type and outcome: handled, duplicate, retried, dead_lettered, busy_elsewhere.',
    labelNames: ['type', 'outcome'],
  }),
  results: counter({
    name: 'worker_event_results_total',
    help: 'What handled events did, by detail type (e.g. confirmed, confirmed-reacquired, refund-required, expired).',
    labelNames: ['type', 'result'],
  }),
  retries: counter({
    name: 'worker_retries_total',
    help: 'Deliveries put back for later by detail type and cause.',
    labelNames: ['type', 'reason'],
  }),
  handlerSeconds: histogram({
    name: 'worker_handler_duration_seconds',
    help: 'Time from receiving a message to settling it, by detail type and outcome.',
    labelNames: ['type', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
  endToEndSeconds: histogram({
    name: 'worker_event_age_seconds',
    help: 'Time from the event being published (EventBridge time) to it being handled, by detail type.',
    labelNames: ['type'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600],
  }),
  deadLetters: counter({
    name: 'worker_dlq_sends_total',
    help: 'Messages the worker sent to the dead-letter queue itself, by reason (malformed, unknown-detail-type, or a permanent failure kind).',
    labelNames: ['reason'],
  }),
  receiveErrors: counter({ name: 'worker_receive_errors_total', help: 'Failed SQS receives.' }),
  inFlight: gauge({ name: 'worker_in_flight_messages', help: 'Messages being handled right now.' }),
  circuitOpen: gauge({
    name: 'worker_circuit_open',
    help: '1 while the circuit to a dependency (reservation-api, inventory) is open or half-open.',
    labelNames: ['dependency'],
  }),
} as const;

/** Every metric the worker serves at `/metrics` besides the Node.js process metrics, in order. */
export const reservationWorkerMetricDefinitions = metricDefinitionList(reservationWorkerMetrics);
