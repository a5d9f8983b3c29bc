import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import type { OutboxEvent } from '@ticketing/reservation-domain';
import { mapConcurrently } from '@ticketing/stored-items';
import { awsErrorName } from './dynamo-errors';
import {
  entrySizeBytes,
  eventIdDetailField,
  maxPutEventsRequestBytes,
  planPutEventsCalls,
  putEventsEntry,
} from './put-events-entry';

/** What happened to one event of a {@link EventBridgePublisher.publish} call. */
export type PublishOutcome =
  | {
      readonly event: OutboxEvent;
      readonly status: 'published';
      /** EventBridge's id of the event (the envelope's `id`); a republished duplicate gets a new one. */
      readonly eventBridgeId: string;
    }
  | {
      readonly event: OutboxEvent;
      readonly status: 'failed';
      /**
       * false only when THIS event can never be accepted (its content is invalid or too large):
       * retrying would fail forever. Outages, throttling and permission errors are retryable —
       * a fixed IAM policy or bus makes the same event succeed.
       */
      readonly retryable: boolean;
      /** EventBridge's per-entry `ErrorCode`, the SDK error's name, or a local code (`EntryTooLarge`, …). */
      readonly errorCode: string;
      readonly errorMessage: string;
    };

/** Where the publisher sends events, and how. */
export interface EventBridgePublisherOptions {
  /** Name (or ARN) of the custom event bus. */
  readonly busName: string;
  /** The only `Source` this publisher sends; an event with another source is refused without a call. */
  readonly source: string;
  /** PutEvents calls in flight at once; 4 by default. */
  readonly concurrency?: number;
  /** Request size budget; EventBridge's 256 KB by default. */
  readonly maxRequestBytes?: number;
}

/**
 * Per-entry error codes that depend on the event's content only, so no retry can succeed
 * (EventBridge's `PutEventsResultEntry` docs list them as non-retryable). The other non-retryable
 * codes of those docs (AccessDeniedException, NotAuthorizedFor…) are configuration: retried with
 * backoff until the relay's attempt limit, because fixing the policy makes the same event succeed.
 */
const permanentEntryCodes: ReadonlySet<string> = new Set(['InvalidArgument', 'MalformedDetail', 'RedactionFailure']);

/**
 * Publishes outbox events to an EventBridge bus with PutEvents, and reports what happened to EACH
 * event — a call can succeed while some of its entries failed (`FailedEntryCount`, per-entry
 * `ErrorCode`); DESIGN.md lists a relay that drops those among the pitfalls.
 *
 * - Calls carry at most 10 entries and 256 KB (EventBridge's entry-size arithmetic).
 * - `Detail` is the event's detail plus `message_id` (the outbox id, for consumers to deduplicate).
 * - A call that throws (network, throttling after the SDK's retries, 5xx, unknown bus) fails every
 *   entry of that call as retryable; the other calls are unaffected. Such a call may still have
 *   delivered some entries (the emulator does, up to an unknown bus): a retry then duplicates them,
 *   which at-least-once delivery allows.
 * - Never throws: every event gets an outcome, in input order.
 *
 * @example
 * ```ts
 * const publisher = new EventBridgePublisher(clients.eventBridge, { busName, source: 'ticketing.reservation' });
 * for (const outcome of await publisher.publish(events)) {
 *   if (outcome.status === 'failed' && outcome.retryable) scheduleRetry(outcome.event);
 * }
 * ```
 */
export class EventBridgePublisher {
  private readonly busName: string;
  private readonly source: string;
  private readonly concurrency: number;
  private readonly maxRequestBytes: number;

  constructor(
    private readonly eventBridge: EventBridgeClient,
    options: EventBridgePublisherOptions,
  ) {
    this.busName = options.busName;
    this.source = options.source;
    this.concurrency = options.concurrency ?? 4;
    this.maxRequestBytes = options.maxRequestBytes ?? maxPutEventsRequestBytes;
  }

  /** Publishes `events`; resolves with one outcome per event, in the same order. */
  async publish(events: readonly OutboxEvent[]): Promise<PublishOutcome[]> {
    const outcomes = new Array<PublishOutcome | undefined>(events.length);
    const sendable: { readonly index: number; readonly entry: PutEventsRequestEntry; readonly size: number }[] = [];
    for (const [index, event] of events.entries()) {
      const prepared = this.prepare(event);
      if ('entry' in prepared) sendable.push({ index, ...prepared });
      else outcomes[index] = prepared.refused;
    }

    const calls = planPutEventsCalls(
      sendable.map((candidate) => candidate.size),
      this.maxRequestBytes,
    ).map((positions) => positions.map((position) => sendable[position] as (typeof sendable)[number]));
    await mapConcurrently(calls, this.concurrency, async (call) => {
      const results = await this.send(call.map((candidate) => candidate.entry));
      for (const [position, candidate] of call.entries()) {
        const event = events[candidate.index] as OutboxEvent;
        outcomes[candidate.index] = outcomeOf(event, results.entries?.[position], results.callError);
      }
    });

    return outcomes.map(
      (outcome, index) =>
        outcome ??
        // Only reachable if the planner skipped an entry it should not have; never lose the event.
        failed(events[index] as OutboxEvent, true, 'NotSent', 'The publisher did not send this event'),
    );
  }

  /** The entry of an event and its size, or why it is refused before any call. */
  private prepare(
    event: OutboxEvent,
  ): { readonly entry: PutEventsRequestEntry; readonly size: number } | { readonly refused: PublishOutcome } {
    if (event.source !== this.source) {
      return { refused: failed(event, false, 'UnexpectedSource', `This publisher sends ${this.source} events only`) };
    }
    if (Object.hasOwn(event.detail, eventIdDetailField)) {
      return {
        refused: failed(event, false, 'ReservedDetailField', `Detail field "${eventIdDetailField}" is reserved for the outbox event id`),
      };
    }
    let entry: PutEventsRequestEntry;
    try {
      entry = putEventsEntry(event, this.busName);
    } catch (error) {
      return { refused: failed(event, false, 'DetailNotSerializable', error instanceof Error ? error.message : String(error)) };
    }
    const size = entrySizeBytes(entry);
    if (size > this.maxRequestBytes) {
      return {
        refused: failed(event, false, 'EntryTooLarge', `Entry is ${size} bytes; PutEvents takes at most ${this.maxRequestBytes}`),
      };
    }
    return { entry, size };
  }

  private async send(
    entries: PutEventsRequestEntry[],
  ): Promise<{ readonly entries?: readonly PutEventsResultEntry[]; readonly callError?: unknown }> {
    try {
      const result = await this.eventBridge.send(new PutEventsCommand({ Entries: entries }));
      return { entries: result.Entries ?? [] };
    } catch (error) {
      return { callError: error };
    }
  }
}

function outcomeOf(event: OutboxEvent, result: PutEventsResultEntry | undefined, callError: unknown): PublishOutcome {
  if (callError !== undefined) {
    const code = awsErrorName(callError) ?? 'Error';
    const message = callError instanceof Error ? callError.message : String(callError);
    return failed(event, true, code, message);
  }
  if (result?.ErrorCode) {
    return failed(event, !permanentEntryCodes.has(result.ErrorCode), result.ErrorCode, result.ErrorMessage ?? '');
  }
  if (result?.EventId) return { event, status: 'published', eventBridgeId: result.EventId };
  // No id and no error (or fewer result entries than sent): unknown, so not published.
  return failed(event, true, 'UnknownOutcome', 'PutEvents returned no result for this entry');
}

function failed(event: OutboxEvent, retryable: boolean, errorCode: string, errorMessage: string): PublishOutcome {
  return { event, status: 'failed', retryable, errorCode, errorMessage };
}
