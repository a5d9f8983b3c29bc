import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsumerPool, type ConsumerPoolOptions, MessageSettler, queueDepth, type ReceivedMessage } from '../src';
import { type FreshWorkerQueues, freshWorkerQueues } from './support/local-queues';
import { gate, receiveBody, sendBodies, uniqueBodies } from './support/messages';
import { waitFor } from '@ticketing/testing';

describe('ConsumerPool', () => {
  let queues: FreshWorkerQueues;
  let settler: MessageSettler;
  let pools: ConsumerPool[];
  let gates: ReturnType<typeof gate>[];
  let receiveErrors: Error[];
  let unexpectedHandlerErrors: unknown[];

  beforeEach(async () => {
    queues = await freshWorkerQueues();
    settler = new MessageSettler(queues.sqs, queues.queue.url, queues.deadLetterQueue.url);
    pools = [];
    gates = [];
    receiveErrors = [];
    unexpectedHandlerErrors = [];
  });
  afterEach(async () => {
    // Let go of held handlers and stop every pool, so no receive loop outlives its test.
    for (const held of gates) held.open();
    await Promise.all(pools.map((pool) => pool.stop(5_000)));
    await queues.cleanup();
    expect(unexpectedHandlerErrors).toEqual([]);
  });

  /** A started pool on the test's worker queue, long-polling 1 s; stopped after the test. */
  function startPool(options: Pick<ConsumerPoolOptions, 'handle'> & Partial<ConsumerPoolOptions>): ConsumerPool {
    const pool = new ConsumerPool({
      sqs: queues.location,
      queueUrl: queues.queue.url,
      concurrency: 2,
      batchSize: 10,
      waitTimeSeconds: 1,
      onReceiveError: (error) => receiveErrors.push(error),
      onHandlerError: (error) => unexpectedHandlerErrors.push(error),
      ...options,
    });
    pools.push(pool);
    pool.start();
    return pool;
  }

  /** A gate that afterEach opens, whatever the test did. */
  function heldUntilOpened(): ReturnType<typeof gate> {
    const held = gate();
    gates.push(held);
    return held;
  }

  async function queueEmpty(): Promise<void> {
    await waitFor(
      async () => {
        const depth = await queueDepth(queues.sqs, queues.queue.url);
        return depth.visible === 0 && depth.inFlight === 0 && depth.delayed === 0;
      },
      { description: 'the worker queue to be empty' },
    );
  }

  it('hands every message to the handler once, on its first delivery, and the acknowledged queue ends empty', async () => {
    const bodies = uniqueBodies(12);
    const handled: ReceivedMessage[] = [];
    startPool({
      concurrency: 4,
      batchSize: 2,
      handle: async (message) => {
        handled.push(message);
        await settler.acknowledge(message);
      },
    });

    const messageIds = await sendBodies(queues.sqs, queues.queue.url, bodies);

    await waitFor(() => handled.length >= bodies.length, { description: `${bodies.length} messages handled` });
    await queueEmpty();
    expect(handled.map((message) => message.body).sort()).toEqual([...bodies].sort());
    expect(handled.map((message) => message.messageId).sort()).toEqual([...messageIds].sort());
    expect(handled.every((message) => message.receiveCount === 1)).toBe(true);
    expect(handled.every((message) => message.receiptHandle !== '' && message.sentAt instanceof Date)).toBe(true);
    expect(receiveErrors).toEqual([]);
  });

  it('handles at most `concurrency` messages at the same time, and more than one', async () => {
    const bodies = uniqueBodies(9);
    const handled: string[] = [];
    let running = 0;
    let mostRunning = 0;
    let mostInFlight = 0;
    const pool = startPool({
      concurrency: 3,
      // Two receive loops (2 + 1): the bound must hold across loops, not only within one batch.
      batchSize: 2,
      handle: async (message) => {
        running += 1;
        mostRunning = Math.max(mostRunning, running);
        mostInFlight = Math.max(mostInFlight, pool.inFlightCount);
        try {
          await new Promise((resolve) => setTimeout(resolve, 200));
          await settler.acknowledge(message);
          handled.push(message.body ?? '');
        } finally {
          running -= 1;
        }
      },
    });

    await sendBodies(queues.sqs, queues.queue.url, bodies);

    await waitFor(() => handled.length >= bodies.length, { description: `${bodies.length} messages handled` });
    expect(handled.sort()).toEqual([...bodies].sort());
    expect(mostRunning).toBeLessThanOrEqual(3);
    expect(mostRunning).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(3);
    await queueEmpty();
  });

  it('gets a message back, received a second time, after retryLater', async () => {
    const [body] = uniqueBodies(1) as [string];
    const deliveries: ReceivedMessage[] = [];
    startPool({
      handle: async (message) => {
        deliveries.push(message);
        if (message.receiveCount === 1) await settler.retryLater(message, 1);
        else await settler.acknowledge(message);
      },
    });

    const [messageId] = await sendBodies(queues.sqs, queues.queue.url, [body]);

    await waitFor(() => deliveries.length >= 2, { description: 'the message delivered again after backing off' });
    expect(deliveries.map((delivery) => [delivery.messageId, delivery.body, delivery.receiveCount])).toEqual([
      [messageId, body, 1],
      [messageId, body, 2],
    ]);
    await queueEmpty();
  });

  it('reports a rejected handler through onHandlerError and leaves its message on the queue', async () => {
    const [failing, fine] = uniqueBodies(2) as [string, string];
    const failures: { error: unknown; message: ReceivedMessage }[] = [];
    const acknowledged: string[] = [];
    startPool({
      handle: async (message) => {
        if (message.body === failing) throw new Error('the inventory service is down');
        await settler.acknowledge(message);
        acknowledged.push(message.body ?? '');
      },
      onHandlerError: (error, message) => failures.push({ error, message }),
    });

    const [failingId] = await sendBodies(queues.sqs, queues.queue.url, [failing]);

    const [failure] = await waitFor(() => failures.length > 0 && failures, { description: 'onHandlerError to be called' });
    expect(failure?.error).toMatchObject({ message: 'the inventory service is down' });
    expect(failure?.message).toMatchObject({ messageId: failingId, body: failing, receiveCount: 1 });

    // Not deleted: invisible for the queue's visibility timeout, then delivered again.
    expect(await queueDepth(queues.sqs, queues.queue.url)).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    // The pool keeps consuming after a failure.
    await sendBodies(queues.sqs, queues.queue.url, [fine]);
    await waitFor(() => acknowledged.includes(fine), { description: 'the next message handled' });
    expect(failures).toHaveLength(1);
    expect(await queueDepth(queues.sqs, queues.queue.url)).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
  });

  describe('stop', () => {
    it('lets a handler in progress finish, settle its message, and only then resolves', async () => {
      const [body] = uniqueBodies(1) as [string];
      const held = heldUntilOpened();
      const events: string[] = [];
      let started = false;
      const pool = startPool({
        handle: async (message) => {
          started = true;
          await held.opened;
          await settler.acknowledge(message);
          events.push('handler finished');
        },
      });
      await sendBodies(queues.sqs, queues.queue.url, [body]);
      await waitFor(() => started, { description: 'the handler to start' });

      const stopping = pool.stop(30_000).then((result) => {
        events.push('stop resolved');
        return result;
      });
      // Long enough for a stop that did not wait for the handler to have resolved.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(events).toEqual([]);
      held.open();

      expect(await stopping).toEqual({ unfinished: 0 });
      expect(events).toEqual(['handler finished', 'stop resolved']);
      expect(pool.inFlightCount).toBe(0);
      // The acknowledgement went through the settler's own client, untouched by closing the pool's.
      await queueEmpty();
      expect(receiveErrors).toEqual([]);
    });

    it('waits out an idle long poll and resolves with nothing unfinished', async () => {
      const pool = startPool({ handle: async () => undefined });
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(await pool.stop(30_000)).toEqual({ unfinished: 0 });
      // Waiting for the open long poll is no receive failure.
      expect(receiveErrors).toEqual([]);
    });

    it('waits for a receive open when it is called, and handles what that receive returns', async () => {
      const [body] = uniqueBodies(1) as [string];
      const events: string[] = [];
      const pool = startPool({
        // A long poll open for 2 s, so it is still waiting when the message arrives.
        waitTimeSeconds: 2,
        handle: async (message) => {
          await settler.acknowledge(message);
          events.push(`handled ${message.body}`);
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 300));

      const stopping = pool.stop(30_000).then((result) => {
        events.push('stop resolved');
        return result;
      });
      await sendBodies(queues.sqs, queues.queue.url, [body]);

      // Not hidden by a receive cut off under way: handled before the pool reports it stopped.
      expect(await stopping).toEqual({ unfinished: 0 });
      expect(events).toEqual([`handled ${body}`, 'stop resolved']);
      await queueEmpty();
    });

    it('gives up on a handler that never finishes after the deadline, leaving its message on the queue', async () => {
      const [body] = uniqueBodies(1) as [string];
      const never = heldUntilOpened();
      let received: ReceivedMessage | undefined;
      const pool = startPool({
        handle: async (message) => {
          received = message;
          await never.opened;
        },
      });
      const [messageId] = await sendBodies(queues.sqs, queues.queue.url, [body]);
      const inHand = await waitFor(() => received, { description: 'the handler to start' });

      expect(await pool.stop(200)).toEqual({ unfinished: 1 });

      // Not deleted: in flight until its visibility timeout runs out. Cut that short to see it again.
      expect(await queueDepth(queues.sqs, queues.queue.url)).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
      await settler.retryLater(inHand, 0);
      const again = await receiveBody(queues.sqs, queues.queue.url, body);
      expect(again).toMatchObject({ messageId, receiveCount: 2 });
    });

    it('stops receiving: a message sent afterwards stays on the queue', async () => {
      const handled: string[] = [];
      const pool = startPool({
        handle: async (message) => {
          handled.push(message.body ?? '');
          await settler.acknowledge(message);
        },
      });
      await pool.stop(5_000);

      const [body] = uniqueBodies(1) as [string];
      await sendBodies(queues.sqs, queues.queue.url, [body]);
      // Longer than a long poll (1 s): a receive loop still running would have taken the message.
      await new Promise((resolve) => setTimeout(resolve, 1_500));

      expect(handled).toEqual([]);
      expect(await queueDepth(queues.sqs, queues.queue.url)).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    });
  });

  it('reports receive failures through onReceiveError', async () => {
    const missingQueueUrl = `${queues.queue.url}-missing`;
    startPool({ queueUrl: missingQueueUrl, handle: async () => undefined });

    const [error] = await waitFor(() => receiveErrors.length > 0 && receiveErrors, { description: 'a receive error' });
    expect(error).toBeInstanceOf(Error);
  });
});
