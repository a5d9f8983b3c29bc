import { waitFor } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FullStack } from './support/full-stack';

/**
 * A handler that outlives HANDLER_TIMEOUT_MS (1 ms here, so every handler does) must not be
 * abandoned: it keeps the event's claim and the reservation's lock until it ends, its outcome is
 * recorded then, and the redelivery the timeout scheduled is dropped as a duplicate instead of
 * running the handler a second time beside the first.
 */
describe('a handler that outlives its timeout', () => {
  let stack: FullStack;
  beforeAll(async () => {
    stack = await FullStack.start({
      eventId: 'evt_worker_timeout',
      sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 10, priceMinor: 3_000 }],
      workerEnv: { HANDLER_TIMEOUT_MS: '1', RETRY_BASE_DELAY_SECONDS: '1', RETRY_MAX_DELAY_SECONDS: '2' },
    });
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual({ worker: 0, api: 0, inventory: 0 });
  });

  const linesOf = (messageId: string, msg: string) =>
    stack.workerLogLines().filter((line) => line['message_id'] === messageId && line['msg'] === msg);

  it('finishes once, records its outcome, and drops the redelivery as a duplicate', async () => {
    const held = await stack.hold('olga', ['A-A1']);
    const messageId = await stack.pay(held, 'approved');

    await waitFor(() => linesOf(messageId, 'event already handled; duplicate delivery dropped').length > 0, {
      description: 'the redelivery dropped as a duplicate',
      timeoutMs: 60_000,
    });

    expect((await stack.reservation('olga', held.reservation_id)).status).toBe('CONFIRMED');
    expect((await stack.seats()).get('A-A1')?.status).toBe('SOLD');
    expect(linesOf(messageId, 'event not handled yet; retrying later').map((line) => line['reason'])).toEqual(['handler-timeout']);
    expect(linesOf(messageId, 'event handled after its handler timeout; its redelivery will be dropped as a duplicate')).toEqual([
      expect.objectContaining({ result: 'confirmed' }),
    ]);
    expect(linesOf(messageId, 'event handled')).toEqual([]);
    expect(await stack.deadLetterCount()).toBe(0);
  });
});
