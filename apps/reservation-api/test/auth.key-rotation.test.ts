import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startJwtIssuer, type TestJwtIssuer } from '@ticketing/testing';
import { buildProtectedApp, type ProtectedApp } from './support/jwt-issuer.protected-app';

const audience = 'ticketing-api';

/*
 * How the verifier follows the issuer's key set over time: rotation without a restart, refusal of
 * withdrawn keys, and behaviour while the issuer is down. Each test gets its own issuer and app.
 */
describe('authentication key set (jwks mode)', () => {
  let issuer: TestJwtIssuer | undefined;
  let protectedApp: ProtectedApp | undefined;

  afterEach(async () => {
    await protectedApp?.app.close();
    await issuer?.close();
  });

  async function start(env: Record<string, string> = {}, jwksPath?: string) {
    issuer = await startJwtIssuer({ audience, ...(jwksPath ? { jwksPath } : {}) });
    protectedApp = await buildProtectedApp({
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: audience,
      AUTH_ALLOW_INSECURE_ISSUER: 'true',
      ...env,
    });
    return { issuer, app: protectedApp.app, logs: protectedApp.logs };
  }

  async function statusOf(token: string) {
    const response = await protectedApp!.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } });
    return response.statusCode;
  }

  it('fetches a key once, then verifies from the cache', async () => {
    const { issuer } = await start();
    for (let i = 0; i < 5; i += 1) expect(await statusOf(issuer.mint({ alg: 'ES256' }))).toBe(200);
    expect(issuer.jwksRequests).toBe(1);
  });

  it('accepts a key published after the verifier cached the old one, with one refetch', async () => {
    const { issuer } = await start();
    const [oldKey] = issuer.publishedKeys;
    expect(await statusOf(issuer.mint({ key: oldKey! }))).toBe(200);
    expect(issuer.jwksRequests).toBe(1);

    const newKey = issuer.createKey('RS256');
    issuer.retire(oldKey!);
    expect(await statusOf(issuer.mint({ key: newKey }))).toBe(200);
    expect(issuer.jwksRequests).toBe(2);
    expect(await statusOf(issuer.mint({ key: newKey }))).toBe(200);
    expect(issuer.jwksRequests).toBe(2);
  });

  it('shares one fetch among concurrent first uses of a new key', async () => {
    const { issuer } = await start();
    const token = issuer.mint({ alg: 'ES256' });
    const statuses = await Promise.all(Array.from({ length: 20 }, () => statusOf(token)));
    expect(statuses).toEqual(Array(20).fill(200));
    expect(issuer.jwksRequests).toBe(1);
  });

  it('refuses a withdrawn key once its cache entry expires, even under steady traffic', async () => {
    const { issuer } = await start({ JWKS_CACHE_TTL_MS: '300' });
    const [withdrawn] = issuer.publishedKeys;
    const token = issuer.mint({ key: withdrawn! });
    expect(await statusOf(token)).toBe(200);
    issuer.retire(withdrawn!);

    const statuses: number[] = [];
    for (let elapsed = 0; elapsed < 900; elapsed += 100) {
      await sleep(100);
      statuses.push(await statusOf(token));
    }
    // Trusted while cached (at most one TTL), then refused for good.
    expect(statuses.at(-1)).toBe(401);
    expect(statuses.slice(statuses.indexOf(401))).toEqual(Array(statuses.length - statuses.indexOf(401)).fill(401));
  });

  it('keeps recently confirmed keys during an issuer outage, answers 503 for others, and recovers', async () => {
    const { issuer, logs } = await start({ JWKS_CACHE_TTL_MS: '500' });
    const token = issuer.mint({ alg: 'RS256' });
    expect(await statusOf(token)).toBe(200);

    issuer.setAvailable(false);
    await sleep(600); // past the cache TTL, within twice of it
    expect(await statusOf(token)).toBe(200);
    const unseen = await protectedApp!.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${issuer.mint({ alg: 'ES256' })}` },
    });
    expect(unseen.statusCode).toBe(503);
    expect(unseen.json().error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 40, msg: 'JWKS fetch failed', jwks_url: issuer.jwksUrl, using_last_confirmed_key: true }),
    );

    await sleep(500); // now beyond twice the TTL since the key was last confirmed
    expect(await statusOf(token)).toBe(503);

    issuer.setAvailable(true);
    expect(await statusOf(token)).toBe(200);
    expect(await statusOf(issuer.mint({ alg: 'ES256' }))).toBe(200);
  });

  it('fetches from JWT_JWKS_URL when the key set is not under /.well-known', async () => {
    const { issuer } = await start({}, '/tenant-1/discovery/keys');
    await expect(statusOf(issuer.mint())).resolves.toBe(503); // JWKS at the default path is not there
    await protectedApp!.app.close();

    protectedApp = await buildProtectedApp({
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: audience,
      JWT_JWKS_URL: issuer.jwksUrl,
      AUTH_ALLOW_INSECURE_ISSUER: 'true',
    });
    expect(await statusOf(issuer.mint())).toBe(200);
  });

  it('costs the issuer one fetch per made-up kid, none for a refused algorithm', async () => {
    const { issuer } = await start();
    const before = issuer.jwksRequests;
    for (const kid of ['bogus-1', 'bogus-2']) expect(await statusOf(issuer.mint({ header: { kid } }))).toBe(401);
    expect(issuer.jwksRequests - before).toBe(2);
    expect(await statusOf(issuer.mint({ header: { alg: 'HS256', kid: 'bogus-3' } }))).toBe(401);
    expect(await statusOf(issuer.mint({ header: { kid: 'k'.repeat(300) } }))).toBe(401);
    expect(issuer.jwksRequests - before).toBe(2);
  });
});
