import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageSettler, queueDepth } from '../src';
import { type FreshWorkerQueues, freshWorkerQueues } from './support/local-queues';
import { receiveBody, receiveRaw, sendBodies, uniqueBodies } from './support/messages';
import { waitFor } from '@ticketing/testing';

describe('MessageSettler', () => {
  let queues: FreshWorkerQueues;
  let settler: MessageSettler;
  beforeEach(async () => {
    queues = await freshWorkerQueues();
    settler = new MessageSettler(queues.sqs, queues.queue.url, queues.deadLetterQueue.url);
  });
  afterEach(() => queues.cleanup());

  /** A message of the worker queue as a handler holds it. */
  async function inHand(body: string) {
    await sendBodies(queues.sqs, queues.queue.url, [body]);
    return receiveBody(queues.sqs, queues.queue.url, body);
  }

  it('acknowledge deletes the message', async () => {
    const [body] = uniqueBodies(1) as [string];
    const message = await inHand(body);

    await settler.acknowledge(message);

    expect(await queueDepth(queues.sqs, queues.queue.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('retryLater hides the message for the delay, then it comes back with its receive count grown', async () => {
    const [body] = uniqueBodies(1) as [string];
    const first = await inHand(body);
    expect(first.receiveCount).toBe(1);

    await settler.retryLater(first, 1);

    const again = await receiveBody(queues.sqs, queues.queue.url, body);
    expect(again).toMatchObject({ messageId: first.messageId, body, receiveCount: 2 });
  });

  it('retryLater shows a message again at once for a delay of 0 or less', async () => {
    const [body] = uniqueBodies(1) as [string];

    await settler.retryLater(await inHand(body), -5);

    expect((await receiveBody(queues.sqs, queues.queue.url, body)).receiveCount).toBe(2);
  });

  it('retryLater caps the delay so the message is visible again within 12 hours of its receive', async () => {
    const [body] = uniqueBodies(1) as [string];
    const message = await inHand(body);
    // Held a while, as a handler would: SQS counts its 12-hour limit from the receive.
    await new Promise((resolve) => setTimeout(resolve, 6_000));

    await expect(settler.retryLater(message, 13 * 60 * 60)).resolves.toBeUndefined();
    await expect(settler.retryLater(message, 12 * 60 * 60)).resolves.toBeUndefined();

    // Still hidden: capped, not dropped to 0.
    expect(await queueDepth(queues.sqs, queues.queue.url)).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
  });

  it('deadLetter moves the message to the DLQ with the reason, and deletes it from the queue', async () => {
    const [body] = uniqueBodies(1) as [string];
    const message = await inHand(body);

    await settler.deadLetter(message, { kind: 'malformed', detail: 'body is not an EventBridge event' });

    expect(await queueDepth(queues.sqs, queues.queue.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    const [deadLetter] = await waitFor(async () => {
      const received = await receiveRaw(queues.sqs, queues.deadLetterQueue.url);
      return received.length > 0 && received;
    }, { description: 'the message in the DLQ' });
    expect(deadLetter?.Body).toBe(body);
    expect(deadLetter?.MessageAttributes).toEqual({
      dead_letter_reason: { DataType: 'String', StringValue: 'malformed' },
      dead_letter_detail: { DataType: 'String', StringValue: 'body is not an EventBridge event' },
      source_message_id: { DataType: 'String', StringValue: message.messageId },
    });
  });

  it('deadLetter keeps the detail within 1024 characters and never sends it empty', async () => {
    const [long, empty] = uniqueBodies(2) as [string, string];

    await settler.deadLetter(await inHand(long), { kind: 'refused', detail: 'x'.repeat(5_000) });
    await settler.deadLetter(await inHand(empty), { kind: 'unknown-type', detail: '' });

    const deadLetters = await waitFor(async () => {
      const received = await receiveRaw(queues.sqs, queues.deadLetterQueue.url);
      return received.length === 2 && received;
    }, { description: 'both messages in the DLQ' });
    const detailOf = (body: string) => deadLetters.find((message) => message.Body === body)?.MessageAttributes?.['dead_letter_detail']?.StringValue;
    expect(detailOf(long)).toBe('x'.repeat(1024));
    expect(detailOf(empty)).toBe('unknown-type');
  });
});
