import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { status } from '@grpc/grpc-js';
import { provisionedTable, scanAllItems } from '@ticketing/aws';
import { InventoryGateway, ReleaseReason, SeatStatus, type InventoryRpc } from '@ticketing/inventory-contract';
import {
  createIsolatedAwsResources,
  demoEventRequest,
  encodeJwt,
  isolatedRedisKeyPrefix,
  listServicesByReflection,
  serviceEnvironment,
  startJwtIssuer,
  startServiceProcess,
  uniquePrefix,
  type IsolatedAwsResources,
  type TestJwtIssuer,
} from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, failureOf } from './support/grpc-call';
import { seatIds, uniqueHoldId } from './support/holds';
import { inventoryChannelTo, startInventoryProcess, type InventoryProcess } from './support/inventory-process';

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const audience = 'ticketing-inventory';
const accounts = {
  api: 'system:serviceaccount:ticketing:reservation-api',
  worker: 'system:serviceaccount:ticketing:reservation-worker',
  admin: 'system:serviceaccount:ticketing:ticketing-admin',
  stranger: 'system:serviceaccount:default:some-pod',
};
const eventId = 'evt_service_identity';

/**
 * The inventory as a process in its default mode: every RPC needs a service-account token of the
 * cluster's issuer (here a real JWKS-serving test issuer on loopback, so local mode is on only to
 * trust that loopback issuer) for the inventory's audience, from a service account allowed that RPC.
 */
describe('inventory service identity (service-account tokens, as a process)', () => {
  let issuer: TestJwtIssuer;
  let aws: IsolatedAwsResources;
  let inventory: InventoryProcess;
  let rpc: InventoryRpc;
  const closers: (() => void)[] = [];

  const token = (serviceAccount: string, claims: Record<string, unknown> = {}) => issuer.mint({ claims: { sub: serviceAccount, ...claims } });
  const as = (serviceAccount: string) => ({ metadata: bearer(token(serviceAccount)) });
  const holdRequest = (seat: string) => ({ eventId, userId: 'buyer-1', selection: seatIds(seat) });

  beforeAll(async () => {
    issuer = await startJwtIssuer({ audience });
    aws = await createIsolatedAwsResources({ only: { tables: ['inventory-events', 'inventory-seats', 'inventory-holds'] } });
    inventory = await startInventoryProcess({
      ...serviceEnvironment(aws.prefix),
      GRPC_PORT: '0',
      REDIS_KEY_PREFIX: isolatedRedisKeyPrefix(),
      SERVICE_AUTH_MODE: 'service-account',
      SERVICE_AUTH_LOCAL_MODE: 'true',
      SERVICE_TOKEN_ISSUER: issuer.issuer,
      SERVICE_TOKEN_JWKS_URL: issuer.jwksUrl,
      INVENTORY_CALLERS_ADMIN: accounts.admin,
    });
    const channel = inventoryChannelTo(inventory.grpcPort);
    closers.push(() => channel.client.close());
    rpc = channel.rpc;
    await rpc.createEvent(
      demoEventRequest({ eventId, sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 10, priceMinor: 5_000 }] }),
      as(accounts.admin),
    );
  });

  afterAll(async () => {
    for (const close of closers) close();
    expect(await inventory?.process.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await issuer?.close();
    await aws?.cleanup();
  });

  /** Every hold and seat as DynamoDB has them. */
  const stored = async () => ({
    holds: await scanAllItems(aws.clients.documents, provisionedTable(aws.resources, 'inventory-holds').name),
    seats: await scanAllItems(aws.clients.documents, provisionedTable(aws.resources, 'inventory-seats').name),
  });

  it('refuses bad tokens as UNAUTHENTICATED and callers not allowed the RPC as PERMISSION_DENIED, writing nothing', async () => {
    const before = await stored();
    expect(before.holds).toEqual([]);
    const now = Math.floor(Date.now() / 1000);
    const otherKey = issuer.createKey('RS256', { publish: false });
    const unauthenticated = {
      'no token': undefined,
      'an expired token': bearer(token(accounts.api, { iat: now - 7_200, exp: now - 3_600 })),
      'a token for another audience': bearer(token(accounts.api, { aud: 'ticketing-reservation-api' })),
      'a token of another issuer': bearer(token(accounts.api, { iss: 'https://oidc.example.com/id/other' })),
      'a token signed by a key the issuer does not publish': bearer(issuer.mint({ key: otherKey, claims: { sub: accounts.api } })),
      'an alg none token': bearer(
        encodeJwt({ alg: 'none', typ: 'JWT' }, { iss: issuer.issuer, aud: audience, sub: accounts.api, exp: now + 600 }, () => ''),
      ),
      'not a JWT': bearer('not-a-jwt'),
    };
    for (const [name, metadata] of Object.entries(unauthenticated)) {
      const refused = await failureOf(rpc.holdSeats({ holdId: uniqueHoldId(), ttl: undefined, ...holdRequest('A-A1') }, metadata ? { metadata } : {}));
      expect({ name, code: refused.code }).toEqual({ name, code: status.UNAUTHENTICATED });
    }

    const forbidden: [string, () => Promise<unknown>][] = [
      ['a pod of another service holding seats', () => rpc.holdSeats({ holdId: uniqueHoldId(), ttl: undefined, ...holdRequest('A-A2') }, as(accounts.stranger))],
      ['the worker committing a hold', () => rpc.commitHold({ holdId: 'h_any', userId: 'buyer-1', paymentReference: 'pi_1' }, as(accounts.worker))],
      ['the worker reading a seat map', () => rpc.getSeatMap({ eventId, sectionId: '' }, as(accounts.worker))],
      ['the API creating an event', () => rpc.createEvent(demoEventRequest({ eventId: 'evt_other', sections: [] }), as(accounts.api))],
    ];
    for (const [name, call] of forbidden) {
      expect({ name, code: (await failureOf(call())).code }).toEqual({ name, code: status.PERMISSION_DENIED });
    }

    expect(await stored()).toEqual(before);
  });

  it('lets each service do what it is for', async () => {
    const holdId = uniqueHoldId();
    const { hold } = await rpc.holdSeats({ holdId, ttl: undefined, ...holdRequest('A-A3') }, as(accounts.api));
    expect(hold?.seats.map((seat) => seat.seatId)).toEqual(['A-A3']);
    expect((await rpc.getHold({ holdId, userId: 'buyer-1' }, as(accounts.worker))).hold?.holdId).toBe(holdId);
    await rpc.releaseHold({ holdId, userId: 'buyer-1', reason: ReleaseReason.PAYMENT_FAILED }, as(accounts.worker));
    const map = await rpc.getSeatMap({ eventId, sectionId: '' }, as(accounts.api));
    expect(map.seats.find((seat) => seat.seatId === 'A-A3')?.status).toBe(SeatStatus.AVAILABLE);
  });

  it('keeps answering a caller whose token file is replaced while it calls, signed with a new key', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'inventory-token-'));
    const tokenFile = join(directory, 'token');
    // The kubelet swaps the projected file atomically; so does this test.
    const rotate = async (contents: string) => {
      await writeFile(`${tokenFile}.next`, contents);
      await rename(`${tokenFile}.next`, tokenFile);
    };
    await rotate(token(accounts.api, { exp: Math.floor(Date.now() / 1000) + 600 }));
    const gateway = new InventoryGateway({
      address: `127.0.0.1:${inventory.grpcPort}`,
      deadlineMs: 5_000,
      credentials: { kind: 'token-file', path: tokenFile },
      breakerResetMs: 5_000,
      breakerErrorPercent: 50,
    });
    closers.push(() => gateway.close());
    const failures: unknown[] = [];
    let calls = 0;
    let running = true;
    const traffic = (async () => {
      while (running) {
        await gateway.call('getSeatMap', { eventId, sectionId: '' }, { retryable: false }).catch((error: unknown) => failures.push(error));
        calls += 1;
      }
    })();
    try {
      const oldKey = issuer.publishedKeys.find((key) => key.alg === 'RS256')!;
      for (let rotation = 0; rotation < 3; rotation += 1) {
        const newKey = issuer.createKey('RS256');
        const callsBefore = calls;
        await rotate(issuer.mint({ key: newKey, claims: { sub: accounts.api } }));
        while (calls < callsBefore + 5) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      issuer.retire(oldKey);
      const callsAfterRetiring = calls;
      while (calls < callsAfterRetiring + 5) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      running = false;
      await traffic;
      await rm(directory, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(20);
  });

  it('lists grpc.health.v1.Health next to InventoryService through server reflection', async () => {
    expect(await listServicesByReflection(`127.0.0.1:${inventory.grpcPort}`)).toEqual(
      expect.arrayContaining(['ticketing.inventory.v1.InventoryService', 'grpc.health.v1.Health']),
    );
  });
});

describe('inventory without caller authentication settings', () => {
  it('refuses to start outside local mode, naming the setting', async () => {
    const { SERVICE_AUTH_MODE: _mode, SERVICE_AUTH_LOCAL_MODE: _local, ...environment } = serviceEnvironment(uniquePrefix());
    const service = startServiceProcess(entry, { ...environment, GRPC_PORT: '0' });
    const exit = await service.exited;
    expect(exit.code).not.toBe(0);
    expect(JSON.stringify(service.logs)).toContain('SERVICE_TOKEN_ISSUER');
  });

  it('refuses the static-token fallback without a client token outside local mode', async () => {
    const service = startServiceProcess(entry, {
      ...serviceEnvironment(uniquePrefix()),
      GRPC_PORT: '0',
      SERVICE_AUTH_MODE: 'static-token',
      SERVICE_AUTH_LOCAL_MODE: 'false',
    });
    expect((await service.exited).code).not.toBe(0);
    expect(JSON.stringify(service.logs)).toContain('INVENTORY_CLIENT_TOKEN');
  });
});
