import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { localStandIns, waitFor } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FullStack } from './support/full-stack';

const redriveCli = fileURLToPath(new URL('../../../tools/src/redrive/cli.ts', import.meta.url));

/**
 * Failures the worker must ride out. The transient failure is real: the worker's service token
 * file holds a token the API refuses (a botched rotation) until the test puts a valid one back.
 */
describe('retries, dead letters, redrive and shutdown end to end', () => {
  let stack: FullStack;
  let tokenFile: string;
  beforeAll(async () => {
    stack = await FullStack.start({
      eventId: 'evt_worker_failures',
      sections: [{ sectionId: 'A', rows: 4, seatsPerRow: 10, priceMinor: 3_000 }],
      workerEnv: { RETRY_BASE_DELAY_SECONDS: '1', RETRY_MAX_DELAY_SECONDS: '4' },
    });
    tokenFile = stack.workerTokenFile;
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual({ worker: 0, api: 0, inventory: 0 });
  });

  const breakToken = () => writeFileSync(tokenFile, 'not-a-valid-token');
  const restoreToken = () => writeFileSync(tokenFile, stack.workerServiceToken());
  const retriesOf = (messageId: string) =>
    stack
      .workerLogLines()
      .filter((line) => line['message_id'] === messageId && line['msg'] === 'event not handled yet; retrying later')
      .map((line) => ({ receiveCount: Number(line['receive_count']), delay: Number(line['retry_in_seconds']), reason: line['reason'] }));

  it('retries a transient failure with growing delays, then succeeds', async () => {
    const held = await stack.hold('mia', ['A-A1']);
    breakToken();
    const messageId = await stack.pay(held, 'approved');
    await waitFor(() => retriesOf(messageId).length >= 3, { description: 'three failed deliveries', timeoutMs: 60_000 });
    restoreToken();
    await waitFor(async () => (await stack.reservation('mia', held.reservation_id)).status === 'CONFIRMED', {
      description: 'the confirmation once the token works again',
      timeoutMs: 60_000,
    });
    const retries = retriesOf(messageId);
    expect(retries.map((retry) => retry.receiveCount).slice(0, 3)).toEqual([1, 2, 3]);
    expect(new Set(retries.map((retry) => retry.reason))).toEqual(new Set(['reservation-api-refused-token']));
    const delays = retries.map((retry) => retry.delay);
    for (let index = 1; index < delays.length; index += 1) expect(delays[index]).toBeGreaterThanOrEqual(delays[index - 1] ?? 0);
    expect(delays[2]).toBeGreaterThan(delays[0] ?? 0);
  });

  it('dead-letters a message that keeps failing after maxReceiveCount deliveries, and the redrive tool brings it back', async () => {
    const held = await stack.hold('ned', ['A-A2']);
    const before = await stack.deadLetterCount();
    breakToken();
    const messageId = await stack.pay(held, 'approved');
    await waitFor(async () => (await stack.deadLetterCount()) === before + 1, { description: 'the message in the DLQ', timeoutMs: 90_000 });
    // The queue's redrive policy moved it after its fifth failed delivery.
    expect(retriesOf(messageId).map((retry) => retry.receiveCount)).toEqual([1, 2, 3, 4, 5]);
    expect((await stack.reservation('ned', held.reservation_id)).status).toBe('HOLD');

    restoreToken();
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', redriveCli], {
      env: {
        ...process.env,
        AWS_REGION: localStandIns.aws.region,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        SQS_ENDPOINT: localStandIns.aws.sqsEndpoint,
        RESOURCE_PREFIX: stack.aws.prefix,
      },
    });
    expect(stdout).toMatch(/moved 1 message\(s\).*redrive-policy × 1/);
    await waitFor(async () => (await stack.reservation('ned', held.reservation_id)).status === 'CONFIRMED', {
      description: 'the redriven payment to confirm',
      timeoutMs: 30_000,
    });
    expect(await stack.deadLetterCount()).toBe(before);
  });

  it('on SIGTERM finishes what it holds and exits 0; after a restart every event reaches its end state, none lost', async () => {
    const seats = Array.from({ length: 20 }, (_, index) => `A-${index < 10 ? 'C' : 'D'}${(index % 10) + 1}`);
    const reservations = await Promise.all(seats.map((seat, index) => stack.hold(`buyer-${index}`, [seat])));
    await Promise.all(reservations.map((reservation, index) => stack.pay(reservation, index % 4 === 0 ? 'failed' : 'approved')));
    const worker = stack.workerProcess;
    await worker.waitForLog((line) => line['msg'] === 'event handled' && String(line['event_type']).startsWith('payment.'));
    expect(await worker.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    await stack.startWorker();
    for (const [index, reservation] of reservations.entries()) {
      const expected = index % 4 === 0 ? 'CANCELLED' : 'CONFIRMED';
      await waitFor(async () => (await stack.reservation(`buyer-${index}`, reservation.reservation_id)).status === expected, {
        description: `${reservation.reservation_id} to become ${expected}`,
        timeoutMs: 90_000,
      });
    }
    const stored = await stack.seats();
    seats.forEach((seat, index) => expect(stored.get(seat)?.status).toBe(index % 4 === 0 ? 'AVAILABLE' : 'SOLD'));
  });
});
