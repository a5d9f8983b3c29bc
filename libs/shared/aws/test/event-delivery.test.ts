import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollUntil } from '../src/poll-until';
import { provisionedEventBus, provisionedQueue } from '../src/provisioned-resources';
import { type FreshResources, freshResources } from './support/fresh-resources';
import { receiveSome } from './support/receive-all';

/** The envelope EventBridge puts in the SQS message body. */
interface Envelope {
  readonly id: string;
  readonly source: string;
  readonly 'detail-type': string;
  readonly time: string;
  readonly detail: { readonly marker: string };
}

describe('EventBridge rules deliver to the worker queue', () => {
  let fresh: FreshResources;
  beforeEach(async () => {
    fresh = await freshResources({ only: { rules: ['reservation-expired', 'payment-outcomes'] } });
  });
  afterEach(() => fresh.cleanup());

  const publish = async (source: string, detailType: string, marker: string) => {
    const result = await fresh.clients.eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: provisionedEventBus(fresh.resources, 'ticketing').name,
            Source: source,
            DetailType: detailType,
            Detail: JSON.stringify({ marker }),
          },
        ],
      }),
    );
    expect(result.FailedEntryCount ?? 0).toBe(0);
  };

  it('delivers matching events in the EventBridge envelope, and no others', async () => {
    const queueUrl = provisionedQueue(fresh.resources, 'reservation-worker').url;
    const [unmatched, expired, approved] = [randomUUID(), randomUUID(), randomUUID()];
    // The non-matching event goes first: if the rule let it through it would arrive before the others.
    await publish('ticketing.other', 'reservation.expired', unmatched);
    await publish('ticketing.reservation', 'reservation.expired', expired);
    await publish('ticketing.payment', 'payment.approved', approved);

    const received = new Map<string, Envelope>();
    const collect = async () => {
      for (const message of await receiveSome(fresh.clients.sqs, queueUrl)) {
        const envelope = JSON.parse(message.Body ?? '{}') as Envelope;
        received.set(envelope.detail.marker, envelope);
      }
    };
    // Delivery is asynchronous in AWS (the emulator happens to deliver synchronously): poll.
    const both = await pollUntil(
      async () => {
        await collect();
        return received.has(expired) && received.has(approved) ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(both, 'both matching events should arrive').toBe(true);
    // Give a wrongly routed event a bounded chance to show up as well.
    await pollUntil(async () => void (await collect()), { timeoutMs: 3_000, intervalMs: 200 });

    expect(received.has(unmatched), 'ticketing.other must not match').toBe(false);
    expect(received.get(expired)).toMatchObject({
      source: 'ticketing.reservation',
      'detail-type': 'reservation.expired',
      detail: { marker: expired },
    });
    expect(received.get(approved)).toMatchObject({ source: 'ticketing.payment', 'detail-type': 'payment.approved' });
    const envelope = received.get(expired);
    expect(envelope?.id).toMatch(/\S+/);
    expect(Number.isNaN(Date.parse(envelope?.time ?? ''))).toBe(false);
  });
});
