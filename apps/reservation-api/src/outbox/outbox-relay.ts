import {
  defaultRetryBackoff,
  type EventBridgePublisher,
  type LeasedOutboxItem,
  type OutboxItem,
  type OutboxStore,
  type PublishOutcome,
  type RetryBackoffPolicy,
  retryDelayMs,
  type UnappliedWrite,
} from '@ticketing/reservation-outbox';
import type { Logger } from '@ticketing/telemetry';
import type { OutboxMetrics } from './outbox.metrics';

/** What one drain did. */
export interface OutboxDrainReport {
  /** Items `findDue` returned. */
  readonly found: number;
  /** `findDue` saw more due items than it returned: a backlog, so the next drain follows at once. */
  readonly more: boolean;
  /** Items this relay leased (the others were taken by another relay meanwhile). */
  readonly leased: number;
  /** Items published and marked PUBLISHED by this relay. */
  readonly published: number;
  /** Items published whose lease had been taken over before they were marked (published twice). */
  readonly leaseLost: number;
  /** Items that failed and will be retried after a backoff. */
  readonly retried: number;
  /** Items marked FAILED. */
  readonly failed: number;
}

/** A running relay. */
export interface OutboxRelay {
  /**
   * One drain now (at `now`, default the current time). A drain already in flight is joined
   * instead of starting a second one, so a relay never leases the same batch twice.
   */
  drainOnce(now?: Date): Promise<OutboxDrainReport>;
  /** Stops the timer and waits for the drain in flight; afterwards drains do nothing. */
  stop(): Promise<void>;
}

/** What the relay needs. */
export interface OutboxRelayOptions {
  readonly store: OutboxStore;
  readonly publisher: EventBridgePublisher;
  /** Unique per relay instance (pod name + pid + random): recorded on every lease it takes. */
  readonly owner: string;
  /** Pause between drains when there is no backlog. */
  readonly intervalMs: number;
  /** Items leased per drain; while a backlog remains, the next drain follows at once. */
  readonly batchSize: number;
  /** How long a lease keeps other relays away; must exceed a PutEvents call with its SDK retries. */
  readonly leaseMs: number;
  /** Attempts (leases) after which a failing event is marked FAILED. */
  readonly maxAttempts: number;
  readonly backoff?: RetryBackoffPolicy;
  readonly metrics: OutboxMetrics;
  readonly logger: Logger;
}

const emptyReport: OutboxDrainReport = { found: 0, more: false, leased: 0, published: 0, leaseLost: 0, retried: 0, failed: 0 };
/** Concurrent retry/failure records per drain (each a single conditional update). */
const writeConcurrency = 10;

/**
 * Starts the outbox relay: every `intervalMs` (jittered, so replicas do not drain in lockstep) it
 * finds due items, leases them, publishes them with PutEvents and records each outcome:
 *
 * - published → PUBLISHED (out of the pending index, expires later);
 * - a retryable failure (outage, throttling, permissions) → stays PENDING, due again after an
 *   exponential backoff with jitter, until `maxAttempts`;
 * - a permanent failure (EventBridge refused the event's content) or `maxAttempts` reached →
 *   FAILED, kept, counted in `outbox_failed_total` and logged at error level.
 *
 * Nothing is ever dropped, and delivery is at least once: if the relay dies between PutEvents and
 * marking the item (or cannot reach DynamoDB to mark it), the lease runs out and a relay publishes
 * the event again. Consumers deduplicate on `detail.message_id`
 * (the outbox event id; `detail.event_id` is the concert's). Safe with any number of replicas:
 * each item is leased by one relay at a time (OutboxStore's conditional lease).
 *
 * @example
 * ```ts
 * const relay = startOutboxRelay({ store, publisher, owner, intervalMs: 1_000, batchSize: 25,
 *   leaseMs: 30_000, maxAttempts: 10, metrics: createOutboxMetrics(registry), logger });
 * app.addHook('onClose', () => relay.stop());
 * ```
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store, publisher, metrics, logger } = options;
  const backoff = options.backoff ?? defaultRetryBackoff;
  let running: Promise<OutboxDrainReport> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const leaseAll = async (items: readonly OutboxItem[], now: Date): Promise<readonly LeasedOutboxItem[]> => {
    const { leased, unapplied } = await store.lease(shuffled(items), { owner: options.owner, leaseMs: options.leaseMs, now });
    if (unapplied.length > 0) {
      // Not leased: a later drain (here or on another replica) picks these items up.
      logger.warn({ ...unappliedSummary(unapplied), events: unapplied.length }, 'outbox lease failed');
    }
    return leased;
  };

  const recordPublished = async (items: readonly LeasedOutboxItem[], now: Date) => {
    if (items.length === 0) return { published: 0, leaseLost: 0 };
    metrics.publishAttempts.inc({ outcome: 'published' }, items.length);
    const { published, leaseLost, unapplied } = await store.markPublished(items, { now });
    metrics.published.inc(published.length);
    for (const item of published) {
      metrics.lag.observe(Math.max(0, now.getTime() - item.event.dueAt.getTime()) / 1000);
    }
    metrics.leasesLost.inc(leaseLost.length);
    for (const item of leaseLost) {
      logger.warn(
        { event_id: item.event.eventId, lease_until: item.leaseUntil },
        'outbox lease ran out before the event was marked published; it is published twice',
      );
    }
    if (unapplied.length > 0) {
      // Published but not marked: the leases run out and the events are published again (a
      // duplicate, never a loss).
      logger.warn({ ...unappliedSummary(unapplied), events: unapplied.length }, 'outbox could not mark published events; they will be published again');
    }
    return { published: published.length, leaseLost: leaseLost.length };
  };

  const recordFailure = async (
    item: LeasedOutboxItem,
    outcome: Extract<PublishOutcome, { status: 'failed' }>,
    now: Date,
  ): Promise<'retried' | 'failed' | 'unrecorded'> => {
    metrics.publishAttempts.inc({ outcome: outcome.retryable ? 'retryable_error' : 'permanent_error' });
    const lastError = `${outcome.errorCode}: ${outcome.errorMessage}`;
    const log = {
      event_id: item.event.eventId,
      detail_type: item.event.detailType,
      attempts: item.attempts,
      error_code: outcome.errorCode,
      error_message: outcome.errorMessage,
    };
    try {
      if (outcome.retryable && item.attempts < options.maxAttempts) {
        const nextDueAt = new Date(now.getTime() + retryDelayMs(item.attempts, backoff));
        if (!(await store.markRetry(item, { nextDueAt, lastError }))) return 'unrecorded';
        logger.warn({ ...log, next_attempt_at: nextDueAt.toISOString() }, 'outbox event not published; will retry');
        return 'retried';
      }
      if (!(await store.markFailed(item, { lastError, now }))) return 'unrecorded';
      const reason = outcome.retryable ? 'attempts_exhausted' : 'rejected';
      metrics.failed.inc({ reason });
      logger.error({ ...log, reason }, 'outbox event FAILED; it stays in the outbox for inspection');
      return 'failed';
    } catch (error) {
      // Not recorded: the lease runs out and the event is attempted again.
      logger.warn({ err: error, ...log }, 'outbox could not record a failed attempt');
      return 'unrecorded';
    }
  };

  const drain = async (now: Date): Promise<OutboxDrainReport> => {
    const due = await store.findDue(now, { limit: options.batchSize });
    const leased = await leaseAll(due.items, now);
    if (leased.length === 0) return { ...emptyReport, found: due.items.length, more: due.more };

    const outcomes = await publisher.publish(leased.map((item) => item.event));
    const publishedItems = leased.filter((_, index) => outcomes[index]?.status === 'published');
    const marks = await recordPublished(publishedItems, now);
    const failures = await settleEach(
      leased.flatMap((item, index) => {
        const outcome = outcomes[index];
        return outcome?.status === 'failed' ? [{ item, outcome }] : [];
      }),
      ({ item, outcome }) => recordFailure(item, outcome, now),
    );
    const recorded = failures.map((result) => (result.ok ? result.value : 'unrecorded'));
    return {
      found: due.items.length,
      more: due.more,
      leased: leased.length,
      published: marks.published,
      leaseLost: marks.leaseLost,
      retried: recorded.filter((result) => result === 'retried').length,
      failed: recorded.filter((result) => result === 'failed').length,
    };
  };

  const drainOnce = (now = new Date()): Promise<OutboxDrainReport> => {
    if (stopped) return Promise.resolve(emptyReport);
    running ??= drain(now)
      .then(
        (report) => {
          metrics.runs.inc({ outcome: 'ok' });
          if (report.leased > 0) logger.debug({ ...report }, 'outbox drained');
          return report;
        },
        (error: unknown) => {
          metrics.runs.inc({ outcome: 'failed' });
          logger.warn({ err: error }, 'outbox drain failed');
          return emptyReport;
        },
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void drainOnce().then((report) =>
        // A backlog: drain again at once instead of waiting an interval (unless nothing could be
        // leased, e.g. the index still shows items other relays just took).
        schedule(report.more && report.leased > 0 ? 0 : jittered(options.intervalMs)),
      );
    }, delayMs);
    timer.unref();
  };
  schedule(jittered(options.intervalMs));

  return {
    drainOnce,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** ±20 % so replicas started together do not drain in lockstep. */
function jittered(ms: number): number {
  return ms * (0.8 + Math.random() * 0.4);
}

/**
 * Leasing in random order: replicas that found the same due items split them between them instead
 * of all racing for the oldest one first.
 */
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/** The first error of writes DynamoDB did not apply, for one log line per drain. */
function unappliedSummary(unapplied: readonly UnappliedWrite<OutboxItem>[]): Record<string, unknown> {
  const [first] = unapplied;
  return { error_code: first?.errorCode, error_message: first?.errorMessage, event_id: first?.item.event.eventId };
}

type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/**
 * Runs `work` for every item, at most {@link writeConcurrency} at a time, and collects each
 * result or error: one item's DynamoDB hiccup must not keep the others from being recorded.
 */
async function settleEach<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<Settled<R>[]> {
  const results = new Array<Settled<R>>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await work(items[index] as T) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(writeConcurrency, items.length) }, worker));
  return results;
}
