import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageSettler, queueDepth, redriveMessages } from '../src';
import { type FreshWorkerQueues, freshWorkerQueues } from './support/local-queues';
import { receiveBody, receiveRaw, sendBodies, uniqueBodies } from './support/messages';
import { waitFor } from '@ticketing/testing';

describe('redriveMessages', () => {
  let queues: FreshWorkerQueues;
  let settler: MessageSettler;
  beforeEach(async () => {
    queues = await freshWorkerQueues();
    settler = new MessageSettler(queues.sqs, queues.queue.url, queues.deadLetterQueue.url);
  });
  afterEach(() => queues.cleanup());

  /** Dead-letters `body` the way the worker does. */
  async function deadLetteredByWorker(body: string, kind: string): Promise<void> {
    await sendBodies(queues.sqs, queues.queue.url, [body]);
    await settler.deadLetter(await receiveBody(queues.sqs, queues.queue.url, body), { kind, detail: `test: ${kind}` });
  }

  /** Lets SQS dead-letter `body`: received maxReceiveCount (5) times and never settled. Call with an empty DLQ. */
  async function deadLetteredByRedrivePolicy(body: string): Promise<void> {
    await sendBodies(queues.sqs, queues.queue.url, [body]);
    await waitFor(
      async () => {
        // Visible again at once after each receive: every receive is a failed attempt.
        await receiveRaw(queues.sqs, queues.queue.url, { visibilityTimeoutSeconds: 0 });
        const depth = await queueDepth(queues.sqs, queues.deadLetterQueue.url);
        return depth.visible + depth.inFlight > 0;
      },
      { description: `${body} moved to the DLQ by the redrive policy`, timeoutMs: 60_000 },
    );
  }

  /** Every message the queue holds now, received once (and left hidden). */
  async function drain(queueUrl: string): Promise<{ body: string; attributes: object }[]> {
    const drained: { body: string; attributes: object }[] = [];
    for (;;) {
      const received = await receiveRaw(queues.sqs, queueUrl, { visibilityTimeoutSeconds: 60 });
      if (received.length === 0) return drained;
      drained.push(...received.map((message) => ({ body: message.Body ?? '', attributes: message.MessageAttributes ?? {} })));
    }
  }

  it('moves dead letters back to the source queue with their bodies unchanged and counts the reasons', async () => {
    const [malformed1, malformed2, unknownType, exhausted] = uniqueBodies(4) as [string, string, string, string];
    // First, while the DLQ is empty, so its depth tells when SQS has moved the message.
    await deadLetteredByRedrivePolicy(exhausted);
    await deadLetteredByWorker(malformed1, 'malformed');
    await deadLetteredByWorker(malformed2, 'malformed');
    await deadLetteredByWorker(unknownType, 'unknown-type');
    expect(await queueDepth(queues.sqs, queues.queue.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });

    const result = await redriveMessages(queues.sqs, { fromQueueUrl: queues.deadLetterQueue.url, toQueueUrl: queues.queue.url, max: 100 });

    expect(result).toEqual({ moved: 4, reasons: { malformed: 2, 'unknown-type': 1, 'redrive-policy': 1 } });
    expect(await queueDepth(queues.sqs, queues.deadLetterQueue.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    const back = await drain(queues.queue.url);
    expect(back.map((message) => message.body).sort()).toEqual([malformed1, malformed2, unknownType, exhausted].sort());
    // Sent afresh: the dead-letter attributes stay behind.
    expect(back.every((message) => Object.keys(message.attributes).length === 0)).toBe(true);
  });

  it('moves at most `max` messages and leaves the rest in the DLQ', async () => {
    const bodies = uniqueBodies(5);
    for (const body of bodies) await deadLetteredByWorker(body, 'malformed');

    const result = await redriveMessages(queues.sqs, { fromQueueUrl: queues.deadLetterQueue.url, toQueueUrl: queues.queue.url, max: 2 });

    expect(result).toEqual({ moved: 2, reasons: { malformed: 2 } });
    expect(await queueDepth(queues.sqs, queues.deadLetterQueue.url)).toEqual({ visible: 3, inFlight: 0, delayed: 0 });
    const back = await drain(queues.queue.url);
    expect(back).toHaveLength(2);
    expect(bodies).toEqual(expect.arrayContaining(back.map((message) => message.body)));
  });

  it('moves nothing from an empty DLQ', async () => {
    expect(await redriveMessages(queues.sqs, { fromQueueUrl: queues.deadLetterQueue.url, toQueueUrl: queues.queue.url, max: 10 })).toEqual({
      moved: 0,
      reasons: {},
    });
  });
});
