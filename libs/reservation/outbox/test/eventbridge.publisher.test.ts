import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { OutboxEvent, ReservationEventType } from '@ticketing/reservation-domain';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgePublisher, eventIdDetailField, type PublishOutcome } from '../src';
import { freshEventBus, localEventBridgeClient, recordPutEventsCalls } from './support/local-event-bus';
import { outboxEvent } from './support/outbox-events';

const source = 'ticketing.reservation';

describe('EventBridgePublisher against the emulator', () => {
  let bus: Awaited<ReturnType<typeof freshEventBus>>;
  beforeAll(async () => {
    bus = await freshEventBus();
  });
  afterAll(() => bus?.cleanup());

  /** A publisher on its own client, so each test sees only its own calls. */
  const publisherWithCalls = (options: { busName?: string; endpoint?: string; maxAttempts?: number } = {}) => {
    const client: EventBridgeClient = localEventBridgeClient(options);
    const calls = recordPutEventsCalls(client);
    const publisher = new EventBridgePublisher(client, { busName: options.busName ?? bus.busName, source });
    return { publisher, calls, close: () => client.destroy() };
  };
  const failures = (outcomes: readonly PublishOutcome[]) =>
    outcomes.flatMap((outcome, index) =>
      outcome.status === 'failed' ? [{ index, code: outcome.errorCode, retryable: outcome.retryable }] : [],
    );

  it('sends 23 events in 3 calls of at most 10 and reports each one published, in order', async () => {
    const { publisher, calls, close } = publisherWithCalls();
    const events = Array.from({ length: 23 }, () => outboxEvent());

    const outcomes = await publisher.publish(events);
    close();

    expect(calls.entriesPerCall).toEqual([10, 10, 3]);
    expect(outcomes.map((outcome) => outcome.event.eventId)).toEqual(events.map((event) => event.eventId));
    expect(failures(outcomes)).toEqual([]);
    const ids = outcomes.map((outcome) => (outcome.status === 'published' ? outcome.eventBridgeId : ''));
    expect(new Set(ids).size).toBe(23);
    expect(ids.every((id) => id.length > 0)).toBe(true);
  });

  it('reports the entries EventBridge rejected inside a successful call, and only those', async () => {
    // The emulator (moto 5.2) rejects an entry without DetailType per entry (InvalidArgument,
    // FailedEntryCount 1) and accepts the rest of the call, as EventBridge does.
    const { publisher, calls, close } = publisherWithCalls();
    const events: OutboxEvent[] = Array.from({ length: 12 }, () => outboxEvent());
    events[3] = outboxEvent({ detailType: '' as ReservationEventType });
    events[11] = outboxEvent({ detailType: '' as ReservationEventType });

    const outcomes = await publisher.publish(events);
    close();

    expect(calls.entriesPerCall).toEqual([10, 2]);
    expect(failures(outcomes)).toEqual([
      { index: 3, code: 'InvalidArgument', retryable: false },
      { index: 11, code: 'InvalidArgument', retryable: false },
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'published')).toHaveLength(10);
  });

  it('fails every event of a call that could not reach EventBridge as retryable', async () => {
    const closedPort = await unusedPort();
    const { publisher, close } = publisherWithCalls({ endpoint: `http://127.0.0.1:${closedPort}`, maxAttempts: 1 });
    const events = Array.from({ length: 12 }, () => outboxEvent());

    const outcomes = await publisher.publish(events);
    close();

    expect(failures(outcomes)).toEqual(events.map((_, index) => ({ index, code: 'ECONNREFUSED', retryable: true })));
  });

  it('fails a call to a bus that does not exist as retryable (configuration, not content)', async () => {
    const { publisher, close } = publisherWithCalls({ busName: `${bus.busName}-missing` });
    const outcomes = await publisher.publish([outboxEvent(), outboxEvent()]);
    close();

    expect(failures(outcomes)).toEqual([
      { index: 0, code: 'ResourceNotFoundException', retryable: true },
      { index: 1, code: 'ResourceNotFoundException', retryable: true },
    ]);
  });

  it('splits calls by size, and refuses an entry over 256 KB without sending it', async () => {
    // The emulator accepts any size; EventBridge refuses requests over 256 KB, so the publisher must.
    const { publisher, calls, close } = publisherWithCalls();
    const blob = (kb: number) => ({ blob: 'x'.repeat(kb * 1024) });
    const events = [
      outboxEvent({ detail: blob(100) }),
      outboxEvent({ detail: blob(100) }),
      outboxEvent({ detail: blob(300) }),
      outboxEvent({ detail: blob(100) }),
    ];

    const outcomes = await publisher.publish(events);
    close();

    expect(calls.entriesPerCall).toEqual([2, 1]);
    expect(failures(outcomes)).toEqual([{ index: 2, code: 'EntryTooLarge', retryable: false }]);
  });

  it('refuses, without a call, events of another source or that misuse the outbox id field', async () => {
    const { publisher, calls, close } = publisherWithCalls();
    const events = [
      { ...outboxEvent(), source: 'ticketing.payment' } as unknown as OutboxEvent,
      outboxEvent({ detail: { [eventIdDetailField]: 'oe_other' } }),
      outboxEvent(),
    ];

    const outcomes = await publisher.publish(events);
    close();

    expect(calls.entriesPerCall).toEqual([1]);
    expect(failures(outcomes)).toEqual([
      { index: 0, code: 'UnexpectedSource', retryable: false },
      { index: 1, code: 'ReservedDetailField', retryable: false },
    ]);
  });
});

/** A loopback port nothing listens on (bound once, then released). */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
