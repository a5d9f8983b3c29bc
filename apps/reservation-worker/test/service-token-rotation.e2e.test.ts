import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { platformServiceAccounts, ServiceTokenFile } from '@ticketing/service-identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReservationApiClient } from '../src/reservation-api/reservation-api.client';
import { FullStack } from './support/full-stack';

/**
 * The kubelet replaces the worker's projected token file long before the token expires, and the
 * cluster's issuer rotates its signing keys. The worker's client re-reads the file; the API
 * fetches the issuer's new key: no call fails across either.
 */
describe("the worker's token for the API, rotated while it calls", () => {
  let stack: FullStack;
  let directory: string;
  beforeAll(async () => {
    stack = await FullStack.start({
      eventId: 'evt_token_rotation',
      sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 4, priceMinor: 2_000 }],
      startWorker: false,
    });
    directory = await mkdtemp(join(tmpdir(), 'worker-token-rotation-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
    expect(await stack?.stop()).toEqual({ worker: 0, api: 0, inventory: 0 });
  });

  it('keeps every call answered while the token file is replaced with tokens of new signing keys', async () => {
    const reservation = await stack.hold('rotating-buyer', ['A-A1']);
    const tokenFile = join(directory, 'token');
    // Atomically, as the kubelet swaps a projected file.
    const rotate = async (token: string) => {
      await writeFile(`${tokenFile}.next`, token);
      await rename(`${tokenFile}.next`, tokenFile);
    };
    await rotate(stack.workerServiceToken());
    const client = new ReservationApiClient({ baseUrl: stack.apiInternalBase, deadlineMs: 5_000, breakerResetMs: 5_000 }, new ServiceTokenFile(tokenFile));
    const failures: unknown[] = [];
    let calls = 0;
    let running = true;
    const traffic = (async () => {
      while (running) {
        await client.getReservation(reservation.reservation_id).catch((error: unknown) => failures.push(error));
        calls += 1;
      }
    })();
    const afterMoreCalls = async (count: number) => {
      const target = calls + count;
      while (calls < target) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      await afterMoreCalls(5);
      const [firstKey] = stack.serviceIssuer.publishedKeys;
      for (let rotation = 0; rotation < 3; rotation += 1) {
        const key = stack.serviceIssuer.createKey('RS256');
        await rotate(stack.serviceIssuer.mint({ key, claims: { sub: platformServiceAccounts.reservationWorker } }));
        await afterMoreCalls(5);
      }
      if (firstKey) stack.serviceIssuer.retire(firstKey);
      await afterMoreCalls(5);
    } finally {
      running = false;
      await traffic;
      client.close();
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(20);
  });
});
