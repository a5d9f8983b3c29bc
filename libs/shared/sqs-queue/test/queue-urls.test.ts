import { physicalName } from '@ticketing/resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDepth, queueUrlOf } from '../src';
import { type FreshWorkerQueues, freshWorkerQueues } from './support/local-queues';
import { sendBodies, uniqueBodies } from './support/messages';

describe('queueUrlOf and queueDepth', () => {
  let queues: FreshWorkerQueues;
  beforeAll(async () => {
    queues = await freshWorkerQueues();
  });
  afterAll(() => queues?.cleanup());

  it('finds a queue by its physical name', async () => {
    expect(await queueUrlOf(queues.sqs, physicalName(queues.prefix, 'reservation-worker'))).toBe(queues.queue.url);
    expect(await queueUrlOf(queues.sqs, physicalName(queues.prefix, 'reservation-worker-dlq'))).toBe(queues.deadLetterQueue.url);
  });

  it('rejects a queue that does not exist', async () => {
    await expect(queueUrlOf(queues.sqs, physicalName(queues.prefix, 'no-such-queue'))).rejects.toThrow();
  });

  it('counts visible messages', async () => {
    expect(await queueDepth(queues.sqs, queues.deadLetterQueue.url)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });

    await sendBodies(queues.sqs, queues.deadLetterQueue.url, uniqueBodies(3));

    expect(await queueDepth(queues.sqs, queues.deadLetterQueue.url)).toEqual({ visible: 3, inFlight: 0, delayed: 0 });
  });
});
