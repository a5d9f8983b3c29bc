import { Counter, Histogram, type Registry } from '@ticketing/telemetry';

/**
 * The outbox relay's metrics. Labels are outcomes only — never an event, reservation or user id.
 * Create once per registry and share between relays of one process (prom-client refuses a second
 * metric of the same name on a registry).
 */
export function createOutboxMetrics(registry: Registry) {
  const registers = [registry];
  return {
    published: new Counter({
      name: 'outbox_published_total',
      help: 'Outbox events published to EventBridge and marked PUBLISHED (each event counts once).',
      registers,
    }),
    failed: new Counter({
      name: 'outbox_failed_total',
      help: 'Outbox events given up on and marked FAILED, by reason: rejected (EventBridge or the publisher refused the event itself) or attempts_exhausted.',
      labelNames: ['reason'] as const,
      registers,
    }),
    publishAttempts: new Counter({
      name: 'outbox_publish_attempts_total',
      help: 'Attempts to publish one outbox event, by outcome: published, retryable_error, permanent_error.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    lag: new Histogram({
      name: 'outbox_lag_seconds',
      help: 'Time from an outbox event being due to it being published.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    }),
    leasesLost: new Counter({
      name: 'outbox_leases_lost_total',
      help: 'Published events whose lease had been taken over before they were marked (each one is published twice; raise OUTBOX_LEASE_MS if this grows).',
      registers,
    }),
    runs: new Counter({
      name: 'outbox_relay_runs_total',
      help: 'Outbox relay drains, by outcome (ok, failed: the outbox table was unreachable).',
      labelNames: ['outcome'] as const,
      registers,
    }),
  };
}

/** The relay's metrics, as {@link createOutboxMetrics} builds them. */
export type OutboxMetrics = ReturnType<typeof createOutboxMetrics>;
