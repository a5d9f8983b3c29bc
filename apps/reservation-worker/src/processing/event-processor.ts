import { context as otelContext, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { parseWorkerEvent, UnusableEventError, type WorkerEvent, type WorkerDetailType } from '@ticketing/event-contracts';
import type { ProcessedEventStore } from '@ticketing/processed-event-store';
import type { MessageSettler, ReceivedMessage } from '@ticketing/sqs-queue';
import type { Logger } from '@ticketing/telemetry';
import type { EventHandler, HandlerContext } from '../handling/event-handler';
import type { ReservationWorkerMetrics } from '../reservation-worker.metrics';
import { PermanentFailure, RetryableFailure } from '../handling/handling-failures';
import { retryDelaySeconds } from './retry-delay';

/** Everything the processor needs. */
export interface EventProcessorDependencies {
  readonly handlers: { readonly [Type in WorkerDetailType]: EventHandler };
  readonly processedEvents: ProcessedEventStore;
  readonly settler: MessageSettler;
  readonly metrics: ReservationWorkerMetrics;
  readonly logger: Logger;
  readonly settings: {
    readonly handlerTimeoutMs: number;
    readonly retry: { readonly baseSeconds: number; readonly maxSeconds: number };
  };
  readonly now?: () => Date;
}

const tracer = trace.getTracer('reservation-worker');

/**
 * One message, start to finish: parse the EventBridge envelope, claim the event's processed-event
 * record, run the handler for its detail type, then settle the message — and only then:
 *
 * - handled → record DONE, delete the message;
 * - seen before (DONE) → delete it; being handled by another delivery → look again after its lease;
 * - retryable failure → drop the claim, make the message visible again after the backoff
 *   (or the Retry-After / due time the failure names); the queue's redrive policy dead-letters it
 *   after maxReceiveCount deliveries;
 * - malformed, unknown detail type or permanent failure → to the DLQ at once, with the reason.
 *
 * If settling fails (SQS down), the message is left alone and reappears after its visibility
 * timeout: handled twice at worst, never lost.
 */
export class EventProcessor {
  private readonly now: () => Date;

  constructor(private readonly dependencies: EventProcessorDependencies) {
    this.now = dependencies.now ?? (() => new Date());
  }

  async process(message: ReceivedMessage): Promise<void> {
    const { metrics } = this.dependencies;
    const started = performance.now();
    metrics.inFlight.inc();
    let type = 'unparsed';
    let outcome = 'failed';
    try {
      let event: WorkerEvent;
      try {
        event = parseWorkerEvent(message.body);
      } catch (error) {
        if (!(error instanceof UnusableEventError)) throw error;
        type = error.kind === 'unknown-detail-type' ? 'unknown' : (error.detailType ?? 'unparsed');
        outcome = await this.deadLetter(message, type, error.kind, error.message);
        return;
      }
      type = event.detailType;
      outcome = await this.withSpan(event, message, (span) => this.handle(event, message, span));
    } finally {
      metrics.inFlight.dec();
      metrics.events.inc({ type, outcome });
      metrics.handlerSeconds.observe({ type, outcome }, (performance.now() - started) / 1000);
    }
  }

  private async handle(event: WorkerEvent, message: ReceivedMessage, span: Span): Promise<string> {
    const { processedEvents, settler } = this.dependencies;
    const type = event.detailType;
    const key = { messageId: event.detail.message_id, action: type };
    const logger = this.dependencies.logger.child({
      event_type: type,
      message_id: event.detail.message_id,
      reservation_id: event.detail.reservation_id,
      receive_count: message.receiveCount,
      ...traceIdOf(event.detail.traceparent),
    });

    let claim;
    try {
      claim = await processedEvents.claim(key, this.now());
    } catch (error) {
      return this.retry(message, type, new RetryableFailure('processed-events-unavailable', 'the processed-event record is unreachable', { cause: error }), logger);
    }
    if (claim.outcome === 'done') {
      await settler.acknowledge(message);
      logger.info({ result: claim.result }, 'event already handled; duplicate delivery dropped');
      return 'duplicate';
    }
    if (claim.outcome === 'in-progress') return this.busyElsewhere(message, claim.leaseUntil);

    // One event per reservation at a time, across every worker replica: a payment confirming with a
    // re-acquired hold and a failed payment cancelling the same reservation must not interleave
    // (the first would sell seats the second's outcome no longer covers).
    const lockName = `reservation:${event.detail.reservation_id}`;
    let lock;
    try {
      lock = await processedEvents.lock(lockName, this.now());
    } catch (error) {
      await processedEvents.release(key, claim.token).catch(() => undefined);
      return this.retry(message, type, new RetryableFailure('processed-events-unavailable', 'the reservation lock is unreachable', { cause: error }), logger);
    }
    if (!lock.acquired) {
      await processedEvents.release(key, claim.token);
      return this.busyElsewhere(message, lock.leaseUntil);
    }
    let stillRunning: Promise<void> | undefined;
    try {
      const handled = await this.runHandler(event, message, span, logger, key, claim.token);
      stillRunning = handled.stillRunning;
      return handled.outcome;
    } finally {
      const unlock = () =>
        processedEvents.unlock(lockName, lock.token).catch((error: unknown) => {
          // Its lease runs out on its own; the reservation's next event waits until then.
          logger.warn({ err: error }, 'could not release the reservation lock');
        });
      // A handler that outlived its timeout keeps the reservation until it has stopped.
      if (stillRunning) void stillRunning.then(unlock);
      else await unlock();
    }
  }

  private async runHandler(
    event: WorkerEvent,
    message: ReceivedMessage,
    span: Span,
    logger: Logger,
    key: { readonly messageId: string; readonly action: string },
    claimToken: string,
  ): Promise<{ readonly outcome: string; readonly stillRunning?: Promise<void> }> {
    const { processedEvents, settler, metrics } = this.dependencies;
    const type = event.detailType;

    const handlerContext: HandlerContext = {
      // Per delivery: the API stores its first answer to a key for a day, and an answer such as
      // "this hold has not run out yet" must not be replayed to a later delivery. Duplicates of
      // one event are kept apart by the processed-event record, not by this key.
      idempotencyKey: (step) => `${event.detail.message_id}:${step}:${message.receiveCount}`,
      deliveryCount: message.receiveCount,
      traceparent: traceparentFor(span, event.detail.traceparent),
      now: this.now,
    };
    const work = this.dependencies.handlers[type].handle(event, handlerContext);
    const settled = await this.withinTimeout(work);
    if (settled.status === 'timed-out') return this.outlivedTimeout(work, message, type, logger, key, claimToken);
    try {
      if (settled.status === 'failed') throw settled.error;
      const result = settled.result;
      await processedEvents.markDone(key, claimToken, result, this.now());
      await settler.acknowledge(message);
      metrics.results.inc({ type, result });
      if (event.publishedAt) metrics.endToEndSeconds.observe({ type }, Math.max(0, (Date.now() - event.publishedAt.getTime()) / 1000));
      logger.info({ result }, 'event handled');
      return { outcome: 'handled' };
    } catch (error) {
      await processedEvents.release(key, claimToken).catch((releaseError: unknown) => {
        // The claim's lease runs out on its own; the next delivery waits for it.
        logger.warn({ err: releaseError }, 'could not drop the processed-event claim');
      });
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      if (error instanceof PermanentFailure) {
        logger.error({ err: error, reason: error.kind }, 'event failed permanently; dead-lettering it');
        return { outcome: await this.deadLetter(message, type, error.kind, error.message) };
      }
      return { outcome: await this.retry(message, type, error, logger) };
    }
  }

  /**
   * The handler outlived HANDLER_TIMEOUT_MS. It still runs — its calls have deadlines, so it ends —
   * and keeps the event's claim and the reservation's lock until then: a redelivery finds the event
   * in progress and waits instead of running beside it. Its outcome is recorded when it ends (DONE,
   * so the redelivery is dropped as a duplicate; or the claim released, so it is retried).
   */
  private async outlivedTimeout(
    work: Promise<string>,
    message: ReceivedMessage,
    type: WorkerDetailType,
    logger: Logger,
    key: { readonly messageId: string; readonly action: string },
    claimToken: string,
  ): Promise<{ readonly outcome: string; readonly stillRunning: Promise<void> }> {
    const { processedEvents, metrics, settings } = this.dependencies;
    const stillRunning = work
      .then(
        async (result) => {
          await processedEvents.markDone(key, claimToken, result, this.now());
          metrics.results.inc({ type, result });
          logger.info({ result }, 'event handled after its handler timeout; its redelivery will be dropped as a duplicate');
        },
        async (error: unknown) => {
          await processedEvents.release(key, claimToken);
          logger.warn({ err: error }, 'event handler failed after its timeout; its redelivery retries it');
        },
      )
      .catch((error: unknown) => {
        // The claim's lease runs out on its own; the redelivery handles the event then.
        logger.warn({ err: error }, 'could not record the outcome of a handler that outlived its timeout');
      });
    const timeout = new RetryableFailure('handler-timeout', `the handler took longer than ${settings.handlerTimeoutMs} ms`);
    try {
      return { outcome: await this.retry(message, type, timeout, logger), stillRunning };
    } catch (error) {
      // Thrown on here, the lock would be released under the running handler.
      logger.warn({ err: error }, 'could not schedule the retry of a timed-out event; it reappears after its visibility timeout');
      return { outcome: 'failed', stillRunning };
    }
  }

  private async retry(message: ReceivedMessage, type: string, error: unknown, logger: Logger): Promise<string> {
    const failure = error instanceof RetryableFailure ? error : undefined;
    const reason = failure?.kind ?? 'unexpected';
    const delaySeconds = failure?.retryAfterSeconds ?? this.backoffSeconds(message);
    this.dependencies.metrics.retries.inc({ type, reason });
    const level = reason === 'not-due-yet' ? 'info' : 'warn';
    logger[level]({ err: failure ? undefined : error, reason, detail: failure?.message, retry_in_seconds: delaySeconds }, 'event not handled yet; retrying later');
    await this.dependencies.settler.retryLater(message, delaySeconds);
    return 'retried';
  }

  /**
   * Another delivery holds the event (usually a duplicate delivered alongside) or the reservation:
   * it finishes in moments, so look again after the backoff — and at the latest when its lease
   * runs out (its holder may have crashed).
   */
  private async busyElsewhere(message: ReceivedMessage, leaseUntil: Date): Promise<string> {
    const leaseLeftSeconds = Math.ceil((leaseUntil.getTime() - this.now().getTime()) / 1000) + 1;
    await this.dependencies.settler.retryLater(message, Math.max(1, Math.min(leaseLeftSeconds, this.backoffSeconds(message))));
    return 'busy_elsewhere';
  }

  private backoffSeconds(message: ReceivedMessage): number {
    return retryDelaySeconds(message.receiveCount, this.dependencies.settings.retry);
  }

  private async deadLetter(message: ReceivedMessage, type: string, reason: string, detail: string): Promise<string> {
    this.dependencies.logger.error({ event_type: type, sqs_message_id: message.messageId, reason, detail }, 'message dead-lettered');
    await this.dependencies.settler.deadLetter(message, { kind: reason, detail });
    this.dependencies.metrics.deadLetters.inc({ reason });
    return 'dead_lettered';
  }

  /** How `work` ended within HANDLER_TIMEOUT_MS, or `timed-out` (the work itself goes on). Never rejects. */
  private async withinTimeout<T>(
    work: Promise<T>,
  ): Promise<{ readonly status: 'done'; readonly result: T } | { readonly status: 'failed'; readonly error: unknown } | { readonly status: 'timed-out' }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<{ readonly status: 'timed-out' }>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'timed-out' }), this.dependencies.settings.handlerTimeoutMs);
    });
    try {
      return await Promise.race([
        work.then(
          (result) => ({ status: 'done' as const, result }),
          (error: unknown) => ({ status: 'failed' as const, error }),
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A consumer span that continues the trace the event carries (a no-op while tracing is off). */
  private async withSpan<T>(event: WorkerEvent, message: ReceivedMessage, run: (span: Span) => Promise<T>): Promise<T> {
    const carrier = event.detail.traceparent ? { traceparent: event.detail.traceparent } : {};
    const parent = propagation.extract(otelContext.active(), carrier);
    return tracer.startActiveSpan(
      `process ${event.detailType}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'aws_sqs',
          'messaging.operation.type': 'process',
          'messaging.message.id': message.messageId,
          'ticketing.reservation_id': event.detail.reservation_id,
        },
      },
      parent,
      async (span) => {
        try {
          return await run(span);
        } finally {
          span.end();
        }
      },
    );
  }
}

/** The trace context to send on: this span's when tracing records, else the event's own. */
function traceparentFor(span: Span, fromEvent: string | undefined): string | undefined {
  const spanContext = span.spanContext();
  if (span.isRecording() && trace.isSpanContextValid(spanContext)) {
    return `00-${spanContext.traceId}-${spanContext.spanId}-0${spanContext.traceFlags & 1}`;
  }
  return fromEvent;
}

/** Log fields naming the event's trace, so its log lines can be found from the request that caused it. */
function traceIdOf(traceparent: string | undefined): Record<string, string> {
  const traceId = traceparent?.split('-')[1];
  return traceId ? { event_trace_id: traceId } : {};
}
