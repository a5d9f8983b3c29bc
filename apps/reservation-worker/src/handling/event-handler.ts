import type { WorkerEvent } from '@ticketing/event-contracts';

/** What a handler gets for one event delivery. */
export interface HandlerContext {
  /** The delivery's Idempotency-Key for a step's API call (see event-processor.ts for why it changes per delivery). */
  idempotencyKey(step: string): string;
  /** How often this message has been delivered, this time included (1 on the first delivery). */
  readonly deliveryCount: number;
  /** W3C trace context to send with calls, continuing the event's trace. */
  readonly traceparent: string | undefined;
  now(): Date;
}

/**
 * Handles one detail type. Resolves with a short word for what it did (a metric label: keep the
 * set small), or throws a RetryableFailure / PermanentFailure. Must be safe to run again for the
 * same event: a delivery can repeat after a crash between the work and its processed-event record.
 */
export interface EventHandler<Event extends WorkerEvent = WorkerEvent> {
  handle(event: Event, context: HandlerContext): Promise<string>;
}
