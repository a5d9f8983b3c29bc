import { createAwsClients, provisionedEventBus, provisionedQueue, provisionedTable } from '@ticketing/aws';
import type { OutboxEvent, ReservationEventType } from '@ticketing/reservation-domain';
import { EventBridgePublisher, eventIdDetailField, OutboxStore, pendingBuckets } from '@ticketing/reservation-outbox';
import { createLogger, createMetricsRegistry, type Registry } from '@ticketing/telemetry';
import {
  createIsolatedAwsResources,
  findFreePort,
  localStandIns,
  waitFor,
  type IsolatedAwsResources,
} from '@ticketing/testing';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxMetrics } from '../src/outbox/outbox.metrics';
import { type OutboxRelay, type OutboxRelayOptions, startOutboxRelay } from '../src/outbox/outbox-relay';

/*
 * The relay against the real stand-ins: DynamoDB Local holds the outbox, the emulator's EventBridge
 * bus routes `reservation.expired` through the `reservation-expired` rule to the worker queue, and
 * the test reads that queue as the worker would. Nothing is mocked; "EventBridge down" is a client
 * pointed at a closed port, "a crash" is a relay that leased and published but never marked.
 */

const second = 1_000;
const source = 'ticketing.reservation';
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** The EventBridge envelope as it arrives in the worker queue. */
interface Envelope {
  readonly id: string;
  readonly source: string;
  readonly 'detail-type': string;
  readonly time: string;
  /** The event's detail plus the outbox event id under `message_id` ({@link eventIdDetailField}). */
  readonly detail: Readonly<Record<string, unknown>>;
}

describe('outbox relay (DynamoDB Local + EventBridge → rule → SQS on the emulator)', () => {
  let aws: IsolatedAwsResources;
  let store: OutboxStore;
  let busName: string;
  let queueUrl: string;
  const started: OutboxRelay[] = [];
  const closers: (() => void)[] = [];

  beforeEach(async () => {
    aws = await createIsolatedAwsResources({ only: { tables: ['outbox'], rules: ['reservation-expired'] } });
    store = new OutboxStore(aws.clients.documents, { table: provisionedTable(aws.resources, 'outbox').name });
    busName = provisionedEventBus(aws.resources, 'ticketing').name;
    queueUrl = provisionedQueue(aws.resources, 'reservation-worker').url;
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((relay) => relay.stop()));
    for (const close of closers.splice(0)) close();
    await aws?.cleanup();
  });

  const workingPublisher = () => new EventBridgePublisher(aws.clients.eventBridge, { busName, source });
  /** A publisher whose EventBridge endpoint is a port nothing listens on. */
  const unreachablePublisher = async () => {
    const port = await findFreePort();
    const clients = createAwsClients({ region: localStandIns.aws.region, eventBridgeEndpoint: `http://127.0.0.1:${port}` });
    closers.push(() => clients.destroy());
    return new EventBridgePublisher(clients.eventBridge, { busName, source });
  };

  /** A relay that drains only when told (its timer interval is an hour), with its own registry and logs. */
  const relay = (overrides: Partial<OutboxRelayOptions> = {}) => {
    const registry = createMetricsRegistry('reservation-api');
    const logs: Record<string, unknown>[] = [];
    const logger = createLogger(
      { service: 'reservation-api', level: 'debug' },
      { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const instance = startOutboxRelay({
      store,
      publisher: workingPublisher(),
      owner: `relay-${randomBytes(3).toString('hex')}`,
      intervalMs: 3_600 * second,
      batchSize: 25,
      leaseMs: 30 * second,
      maxAttempts: 5,
      backoff: { baseDelayMs: second, maxDelayMs: 60 * second },
      metrics: createOutboxMetrics(registry),
      logger,
      ...overrides,
    });
    started.push(instance);
    return { relay: instance, registry, logs };
  };

  /** Receives from the worker queue until `done(received so far)`; every envelope is kept. */
  const receiveUntil = async (done: (received: readonly Envelope[]) => boolean, description: string) => {
    const received: Envelope[] = [];
    await waitFor(
      async () => {
        received.push(...(await receiveEnvelopes(queueUrl)));
        return done(received);
      },
      { description, timeoutMs: 20 * second, intervalMs: 50 },
    );
    return received;
  };
  /** Everything the queue delivers within a short window (to prove something did NOT arrive). */
  const receiveForAWhile = async () => {
    const received: Envelope[] = [];
    for (let poll = 0; poll < 2; poll += 1) received.push(...(await receiveEnvelopes(queueUrl)));
    return received;
  };
  const idsOf = (envelopes: readonly Envelope[]) => envelopes.map((envelope) => envelope.detail[eventIdDetailField]);

  it('delivers a reservation.expired event due now to the worker queue, in the EventBridge envelope', async () => {
    const event = expiredEvent();
    await store.add([event]);
    const { registry } = relay({ intervalMs: 100 }); // the relay's own timer does the work

    const [envelope] = await receiveUntil((received) => received.length > 0, 'the event in the worker queue');

    expect(envelope).toMatchObject({
      source: 'ticketing.reservation',
      'detail-type': 'reservation.expired',
      detail: { ...event.detail, message_id: event.eventId, event_id: 'evt_2026_1001', traceparent },
    });
    expect(envelope?.id).toMatch(/\S+/);
    expect(Date.parse(envelope?.time ?? '')).not.toBeNaN();
    await waitFor(async () => (await store.get(event.eventId))?.status === 'PUBLISHED', {
      description: 'the item marked PUBLISHED',
    });
    expect(await store.get(event.eventId)).toMatchObject({ status: 'PUBLISHED', attempts: 1 });
    expect(await metric(registry, 'outbox_published_total')).toBe(1);
    expect(await metric(registry, 'outbox_publish_attempts_total', { outcome: 'published' })).toBe(1);
    expect(await metric(registry, 'outbox_lag_seconds_count')).toBe(1);
  });

  it('does not publish an event due in the future until it is due', async () => {
    const now = new Date();
    const dueAt = new Date(now.getTime() + 3_600 * second);
    const event = expiredEvent({ dueAt });
    await store.add([event]);
    const { relay: relayA, registry } = relay();

    expect(await relayA.drainOnce(now)).toMatchObject({ leased: 0, published: 0 });
    expect(await relayA.drainOnce(new Date(dueAt.getTime() - 1))).toMatchObject({ leased: 0, published: 0 });
    expect(await receiveForAWhile()).toEqual([]);
    expect(await store.get(event.eventId)).toMatchObject({ status: 'PENDING', attempts: 0 });

    expect(await relayA.drainOnce(dueAt)).toMatchObject({ leased: 1, published: 1 });
    const received = await receiveUntil((all) => all.length > 0, 'the event once due');
    expect(idsOf(received)).toEqual([event.eventId]);
    // Lag is measured from the due time, not from when the event was written.
    expect(await metric(registry, 'outbox_lag_seconds_sum')).toBe(0);
  });

  it('keeps events PENDING with their attempts while EventBridge is unreachable, then delivers every one', async () => {
    const events = Array.from({ length: 12 }, () => expiredEvent());
    await store.add(events);
    const start = new Date();
    // A drain reads at most batchSize / 8 items of each pending bucket, and an event's bucket is a
    // hash of its random id: room for all twelve in one bucket makes every drain below take all.
    const wholeBacklog = { batchSize: 12 * pendingBuckets };
    const broken = relay({ publisher: await unreachablePublisher(), ...wholeBacklog });

    expect(await broken.relay.drainOnce(start)).toMatchObject({ leased: 12, published: 0, retried: 12, failed: 0 });
    for (const event of events) {
      const item = await store.get(event.eventId);
      expect(item).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringMatching(/^ECONNREFUSED/) });
      // Backed off: not available again at once, but within the first backoff ceiling (1 s).
      expect(item?.availableAt?.getTime()).toBeGreaterThan(start.getTime());
      expect(item?.availableAt?.getTime()).toBeLessThanOrEqual(start.getTime() + second);
    }
    expect(await broken.relay.drainOnce(start)).toMatchObject({ leased: 0 });
    expect(await broken.relay.drainOnce(new Date(start.getTime() + second))).toMatchObject({ leased: 12, retried: 12 });
    expect(await metric(broken.registry, 'outbox_publish_attempts_total', { outcome: 'retryable_error' })).toBe(24);
    expect(await receiveForAWhile()).toEqual([]);

    const healthy = relay(wholeBacklog);
    expect(await healthy.relay.drainOnce(new Date(start.getTime() + 10 * second))).toMatchObject({ published: 12 });

    const received = await receiveUntil((all) => all.length >= 12, 'all 12 events');
    expect(idsOf(received).sort()).toEqual(events.map((event) => event.eventId).sort());
    for (const event of events) expect(await store.get(event.eventId)).toMatchObject({ status: 'PUBLISHED', attempts: 3 });
  });

  it('marks FAILED, with a metric and an error log line, an event EventBridge rejects or that ran out of attempts', async () => {
    const rejected = expiredEvent({ detailType: '' as ReservationEventType }); // the emulator answers InvalidArgument
    const fine = expiredEvent();
    const unlucky = expiredEvent();
    await store.add([rejected, fine, unlucky]);
    const start = new Date();
    const healthy = relay({ maxAttempts: 2 });

    expect(await healthy.relay.drainOnce(start)).toMatchObject({ leased: 3, published: 2, failed: 1 });
    expect(await store.get(rejected.eventId)).toMatchObject({ status: 'FAILED', attempts: 1, lastError: expect.stringMatching(/^InvalidArgument/) });
    expect(await metric(healthy.registry, 'outbox_failed_total', { reason: 'rejected' })).toBe(1);
    expect(healthy.logs).toContainEqual(
      expect.objectContaining({ level: 'error', event_id: rejected.eventId, error_code: 'InvalidArgument', reason: 'rejected' }),
    );
    expect(await store.get(unlucky.eventId)).toMatchObject({ status: 'PUBLISHED' });

    const late = expiredEvent();
    await store.add([late]);
    const lateStart = new Date();
    const broken = relay({ publisher: await unreachablePublisher(), maxAttempts: 2 });
    expect(await broken.relay.drainOnce(lateStart)).toMatchObject({ leased: 1, retried: 1 });
    expect(await broken.relay.drainOnce(new Date(lateStart.getTime() + 60 * second))).toMatchObject({ leased: 1, failed: 1 });
    expect(await store.get(late.eventId)).toMatchObject({ status: 'FAILED', attempts: 2 });
    expect(await metric(broken.registry, 'outbox_failed_total', { reason: 'attempts_exhausted' })).toBe(1);
    expect(broken.logs).toContainEqual(
      expect.objectContaining({ level: 'error', event_id: late.eventId, reason: 'attempts_exhausted', attempts: 2 }),
    );
    // FAILED items stay out of every later drain.
    expect(await healthy.relay.drainOnce(new Date(lateStart.getTime() + 3_600 * second))).toMatchObject({ leased: 0 });
  });

  it('publishes again after a crash between PutEvents and marking: a duplicate, never a loss', async () => {
    const event = expiredEvent();
    await store.add([event]);
    const now = new Date();
    const leaseMs = 30 * second;

    // The "crashed" relay: leases and publishes, then dies before markPublished.
    const { items: [due] } = await store.findDue(now, { limit: 10 });
    const { leased: [leased] } = await store.lease([due!], { owner: 'crashed-relay', leaseMs, now });
    expect((await workingPublisher().publish([leased!.event]))[0]).toMatchObject({ status: 'published' });

    const survivor = relay({ leaseMs });
    expect(await survivor.relay.drainOnce(new Date(now.getTime() + leaseMs - 1))).toMatchObject({ leased: 0 });
    expect(await survivor.relay.drainOnce(new Date(now.getTime() + leaseMs))).toMatchObject({ leased: 1, published: 1 });

    const received = await receiveUntil((all) => all.length >= 2, 'the event delivered twice');
    expect(idsOf(received)).toEqual([event.eventId, event.eventId]);
    expect(new Set(received.map((envelope) => envelope.id)).size).toBe(2);
    expect(await store.get(event.eventId)).toMatchObject({ status: 'PUBLISHED', attempts: 2 });
  });

  it('delivers every event once when two relays drain the same table concurrently, marking none twice', async () => {
    const events = Array.from({ length: 60 }, () => expiredEvent());
    for (let index = 0; index < events.length; index += 20) await store.add(events.slice(index, index + 20));
    const relays = [relay({ batchSize: 10 }), relay({ batchSize: 10 })];

    for (let round = 0; round < 20; round += 1) {
      const reports = await Promise.all(relays.map(({ relay: each }) => each.drainOnce()));
      if (reports.every((report) => report.found === 0)) break;
    }

    const published = await Promise.all(relays.map(({ registry }) => metric(registry, 'outbox_published_total')));
    expect(published[0]! + published[1]!).toBe(events.length);
    for (const event of events) expect(await store.get(event.eventId)).toMatchObject({ status: 'PUBLISHED', attempts: 1 });
    const received = await receiveUntil((all) => all.length >= events.length, 'all 60 events');
    received.push(...(await receiveForAWhile()));
    expect(idsOf(received).sort()).toEqual(events.map((event) => event.eventId).sort());
  });

  it('drains a backlog of several batches drain after drain, without waiting an interval between them', async () => {
    const events = Array.from({ length: 60 }, () => expiredEvent());
    for (let index = 0; index < events.length; index += 20) await store.add(events.slice(index, index + 20));
    // The timer's first drain comes after 4–6 s; one batch per interval would take 25 s or more.
    const { registry } = relay({ batchSize: 10, intervalMs: 5 * second });

    await waitFor(async () => (await metric(registry, 'outbox_published_total')) === events.length, {
      description: 'the whole backlog published before a second interval could pass',
      timeoutMs: 15 * second,
    });
    for (const event of events) expect(await store.get(event.eventId)).toMatchObject({ status: 'PUBLISHED', attempts: 1 });
  });

  it('waits for the drain in flight when stopped', async () => {
    const events = Array.from({ length: 5 }, () => expiredEvent());
    await store.add(events);
    const { relay: relayA } = relay();

    const inFlight = relayA.drainOnce();
    await relayA.stop();

    // stop() returned only after the drain had recorded its outcomes.
    for (const event of events) expect((await store.get(event.eventId))?.status).toBe('PUBLISHED');
    expect(await inFlight).toMatchObject({ published: 5 });
    expect(await relayA.drainOnce()).toMatchObject({ found: 0, leased: 0 });
  });
});

/** A `reservation.expired` event as the reservation API writes it when a hold is placed. */
function expiredEvent(overrides: Partial<Omit<OutboxEvent, 'detailType'>> & { detailType?: ReservationEventType } = {}): OutboxEvent {
  const now = new Date();
  const eventId = `oe_${randomBytes(8).toString('hex')}`;
  return {
    eventId,
    source: 'ticketing.reservation',
    detailType: 'reservation.expired',
    detail: {
      reservation_id: `rsv_${eventId.slice(3)}`,
      user_id: 'user_1',
      event_id: 'evt_2026_1001',
      seat_ids: ['A-1', 'A-2'],
      quantity: 2,
      total: { amount_minor: 25_000, currency: 'EUR' },
      hold_expires_at: now.toISOString(),
      traceparent,
    },
    dueAt: now,
    createdAt: now,
    ...overrides,
  };
}

/** The value of a counter series, or of a histogram's `_count`/`_sum` (0 if never touched). */
async function metric(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const baseName = name.replace(/_(count|sum)$/, '');
  const found = await registry.getSingleMetric(baseName)?.get();
  const series = found?.values.find(
    (value) =>
      ((value as { metricName?: string }).metricName ?? baseName) === name &&
      Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted),
  );
  return series?.value ?? 0;
}

/**
 * One ReceiveMessage on the worker queue through the SQS JSON protocol. Apps may not import the
 * AWS SDK (module boundaries), and @ticketing/aws offers no receive helper yet; the emulator
 * accepts any signature, so a plain request with a placeholder Authorization header will do.
 * Messages become invisible for the queue's 60 s visibility timeout, so each call returns new ones.
 */
async function receiveEnvelopes(queueUrl: string): Promise<Envelope[]> {
  const response = await fetch(`${localStandIns.aws.sqsEndpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'AmazonSQS.ReceiveMessage',
      authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/${localStandIns.aws.region}/sqs/aws4_request, SignedHeaders=host, Signature=local`,
    },
    body: JSON.stringify({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
  });
  if (!response.ok) throw new Error(`ReceiveMessage answered ${response.status}: ${await response.text()}`);
  const { Messages = [] } = (await response.json()) as { Messages?: { Body: string }[] };
  return Messages.map((message) => JSON.parse(message.Body) as Envelope);
}
