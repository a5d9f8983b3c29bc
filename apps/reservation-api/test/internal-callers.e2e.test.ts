import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { platformServiceAccounts, reservationApiTokenAudience } from '@ticketing/service-identity';
import { encodeJwt, serviceEnvironment, startServiceProcess, uniquePrefix } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReservationStack, type ReservationStack } from './support/reservation-stack';

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const eventId = 'evt_internal_callers';
const strangerAccount = 'system:serviceaccount:default:some-pod';

/**
 * The internal endpoints as processes, in the API's default mode: only the worker's service
 * account, with a token of the cluster's issuer (a real JWKS-serving test issuer on loopback) for
 * the API's audience, gets in; everyone else is refused before anything is read or written.
 */
describe('reservation API internal endpoints: who may call them', () => {
  let stack: ReservationStack;
  let reservationId: string;

  beforeAll(async () => {
    stack = await startReservationStack({ eventId, sections: [{ sectionId: 'A', rows: 1, seatsPerRow: 10, priceMinor: 5_000 }] });
    const { data, response } = await stack.clientAs('buyer-1').POST('/v1/reservations', {
      params: { header: { 'idempotency-key': randomUUID() } },
      body: { event_id: eventId, seat_ids: ['A-A1'] },
    });
    expect(response.status).toBe(201);
    reservationId = data?.reservation_id ?? '';
  });
  afterAll(async () => {
    expect(await stack?.stop()).toEqual({ api: 0, inventory: 0 });
  });

  const call = (method: 'GET' | 'POST', path: string, authorization: string | undefined) =>
    fetch(`${stack.internalBase}${path}`, {
      method,
      headers: {
        ...(authorization === undefined ? {} : { authorization }),
        ...(method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify({ payment_intent_id: 'pi_forged', status: 'APPROVED', amount: { amount: 5_000, currency: 'EUR' } }) } : {}),
    });
  /** The three endpoints, each with the request that would change the most. */
  const endpoints = () =>
    [
      ['GET', `/internal/v1/reservations/${reservationId}`],
      ['POST', `/internal/v1/reservations/${reservationId}/payment`],
      ['POST', `/internal/v1/reservations/${reservationId}/expire`],
    ] as const;
  /** What a refused call could have written (outbox items as events: the relay marks them published meanwhile). */
  const stored = async () => ({
    reservations: await stack.storedItems('reservations'),
    idempotency: await stack.storedItems('idempotency-records'),
    outbox: await stack.outboxEventsOf(reservationId),
  });

  it('refuses bad tokens with 401 and services other than the worker with 403, writing nothing', async () => {
    const before = await stored();
    const now = Math.floor(Date.now() / 1000);
    const otherKey = stack.issuer.createKey('RS256', { publish: false });
    const worker = platformServiceAccounts.reservationWorker;
    const unauthenticated: Record<string, string | undefined> = {
      'no token': undefined,
      'an expired token': `Bearer ${stack.serviceToken(worker, { iat: now - 7_200, exp: now - 3_600 })}`,
      "a token for another audience (the inventory's)": `Bearer ${stack.serviceToken(worker, { aud: 'ticketing-inventory' })}`,
      "an end user's token": `Bearer ${stack.token('buyer-1')}`,
      'a token of another issuer': `Bearer ${stack.serviceToken(worker, { iss: 'https://oidc.example.com/id/other' })}`,
      'a token signed by a key the issuer does not publish': `Bearer ${stack.issuer.mint({ key: otherKey, claims: { sub: worker, aud: reservationApiTokenAudience } })}`,
      'an alg none token': `Bearer ${encodeJwt({ alg: 'none', typ: 'JWT' }, { iss: stack.issuer.issuer, aud: reservationApiTokenAudience, sub: worker, exp: now + 600 }, () => '')}`,
      'not a JWT': 'Bearer not-a-jwt',
      'another scheme': `Basic ${Buffer.from('worker:secret').toString('base64')}`,
    };
    for (const [name, authorization] of Object.entries(unauthenticated)) {
      for (const [method, path] of endpoints()) {
        const response = await call(method, path, authorization);
        const body = (await response.json()) as { error: { code: string } };
        expect({ name, path, status: response.status, code: body.error.code }).toEqual({ name, path, status: 401, code: 'UNAUTHENTICATED' });
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    }
    for (const account of [platformServiceAccounts.reservationApi, strangerAccount]) {
      for (const [method, path] of endpoints()) {
        const response = await call(method, path, `Bearer ${stack.serviceToken(account)}`);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect({ account, path, status: response.status, code: body.error.code }).toEqual({ account, path, status: 403, code: 'FORBIDDEN' });
        expect(body.error.message).toContain(account);
      }
    }
    expect(await stored()).toEqual(before);
  });

  it("lets the worker's service account in", async () => {
    const { data, response } = await stack.internalClient().GET('/internal/v1/reservations/{id}', { params: { path: { id: reservationId } } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ reservation_id: reservationId, status: 'HOLD', user_id: 'buyer-1' });
  });
});

describe('reservation API without caller authentication settings for its internal endpoints', () => {
  const userAuth = { JWT_ISSUER: 'https://auth.example.com/', JWT_AUDIENCE: 'ticketing-api' };

  it('refuses to start outside local mode, naming the setting', async () => {
    const { SERVICE_AUTH_MODE: _mode, SERVICE_AUTH_LOCAL_MODE: _local, ...environment } = serviceEnvironment(uniquePrefix());
    const service = startServiceProcess(entry, { ...environment, ...userAuth });
    expect((await service.exited).code).not.toBe(0);
    expect(JSON.stringify(service.logs)).toContain('SERVICE_TOKEN_ISSUER');
  });

  it('refuses the static-token fallback without its token outside local mode', async () => {
    const service = startServiceProcess(entry, {
      ...serviceEnvironment(uniquePrefix()),
      ...userAuth,
      SERVICE_AUTH_MODE: 'static-token',
      SERVICE_AUTH_LOCAL_MODE: 'false',
    });
    expect((await service.exited).code).not.toBe(0);
    expect(JSON.stringify(service.logs)).toContain('RESERVATION_API_INTERNAL_TOKEN');
  });
});
