import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireUser } from '../src/auth/index';
import { installErrorHandler } from '../src/error-handler';
import { encodeJwt, hmacSha256, startJwtIssuer, type TestJwtIssuer } from '@ticketing/testing';
import { buildProtectedApp } from './support/jwt-issuer.protected-app';

const audience = 'ticketing-api';

/*
 * Authentication in jwks mode against a real issuer on loopback: what gets in, and that every
 * forged, stale or misdirected token is refused with 401 UNAUTHENTICATED in the API's error format.
 */
describe('authentication (jwks mode)', () => {
  let issuer: TestJwtIssuer;
  let app: FastifyInstance;

  beforeAll(async () => {
    issuer = await startJwtIssuer({ audience });
    ({ app } = await buildProtectedApp({
      JWT_ISSUER: issuer.issuer,
      JWT_AUDIENCE: audience,
      AUTH_ALLOW_INSECURE_ISSUER: 'true',
    }));
  });
  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });

  function get(token: string | undefined, url = '/v1/me') {
    return app.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  }

  async function expectUnauthenticated(token: string | undefined, message: RegExp) {
    const response = await get(token);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(message), trace_id: expect.any(String) },
    });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  }

  const secondsFromNow = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

  describe('accepts', () => {
    it.each(['RS256', 'ES256'] as const)('a valid %s token, with sub as the user id', async (alg) => {
      const response = await get(issuer.mint({ alg, claims: { sub: `user-${alg}` } }));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ userId: `user-${alg}`, scopes: [] });
    });

    it('scopes from a space-separated scope claim and from an scp list', async () => {
      const fromScope = await get(issuer.mint({ claims: { scope: 'seats:read  reservations:write' } }));
      expect(fromScope.json()).toMatchObject({ scopes: ['reservations:write', 'seats:read'] });
      const fromScp = await get(issuer.mint({ claims: { scp: ['a', 'b', 42] } }));
      expect(fromScp.json()).toMatchObject({ scopes: ['a', 'b'] });
    });

    it('an audience list containing ours, and a token just past exp within the clock tolerance', async () => {
      expect((await get(issuer.mint({ claims: { aud: ['other-api', audience] } }))).statusCode).toBe(200);
      expect((await get(issuer.mint({ claims: { exp: secondsFromNow(-10) } }))).statusCode).toBe(200);
    });

    it('on a preHandler-guarded route with a body schema', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/me/notes',
        headers: { authorization: `Bearer ${issuer.mint({ claims: { sub: 'writer' } })}` },
        payload: { note: 'hi' },
      });
      expect(response.json()).toEqual({ userId: 'writer', note: 'hi' });
    });
  });

  describe('refuses with 401', () => {
    it('a request without Authorization, or with another scheme', async () => {
      await expectUnauthenticated(undefined, /Missing bearer token/);
      const basic = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      expect(basic.statusCode).toBe(401);
      expect(basic.headers['www-authenticate']).toBe('Bearer');
    });

    it('a preHandler-guarded route without a token, even with a valid body', async () => {
      const response = await app.inject({ method: 'POST', url: '/v1/me/notes', payload: { note: 'hi' } });
      expect(response.statusCode).toBe(401);
    });

    it('an unsigned token (alg none)', async () => {
      const [header, payload] = issuer.mint().split('.');
      const none = encodeJwt({ alg: 'none', typ: 'JWT' }, JSON.parse(Buffer.from(payload!, 'base64url').toString()), () => '');
      await expectUnauthenticated(none, /algorithm this API does not accept/);
      // The same claims with the real header but the signature stripped.
      await expectUnauthenticated(`${header}.${payload}.`, /Unsigned tokens are not accepted|invalid/i);
    });

    it('a token signed by a key the issuer does not publish, under an unknown or a published kid', async () => {
      const stranger = issuer.createKey('RS256', { publish: false });
      await expectUnauthenticated(issuer.mint({ key: stranger }), /signing key \(kid\) is not published/);
      const published = issuer.publishedKeys.find((key) => key.alg === 'RS256')!;
      await expectUnauthenticated(issuer.mint({ key: stranger, header: { kid: published.kid } }), /signature is invalid/);
    });

    it('an HS256 token keyed with the published RSA public key (key confusion)', async () => {
      const rsa = issuer.publishedKeys.find((key) => key.alg === 'RS256')!;
      const claims = JSON.parse(Buffer.from(issuer.mint().split('.')[1]!, 'base64url').toString()) as object;
      for (const secret of [
        rsa.publicKey.export({ type: 'spki', format: 'pem' }),
        rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }),
      ]) {
        const forged = encodeJwt({ alg: 'HS256', typ: 'JWT', kid: rsa.kid }, claims, hmacSha256(secret));
        await expectUnauthenticated(forged, /algorithm this API does not accept/);
      }
    });

    it('an ES256 header over an RSA key id, and an RS384 token when only RS256/ES256 are configured', async () => {
      const rsa = issuer.publishedKeys.find((key) => key.alg === 'RS256')!;
      await expectUnauthenticated(issuer.mint({ key: rsa, header: { alg: 'ES256' } }), /not published|does not match|invalid/);
      await expectUnauthenticated(issuer.mint({ key: rsa, header: { alg: 'RS384' } }), /algorithm this API does not accept/);
    });

    it('an expired token, beyond the clock tolerance', async () => {
      await expectUnauthenticated(issuer.mint({ claims: { exp: secondsFromNow(-120) } }), /expired/);
    });

    it('a token that is not valid yet (nbf beyond the clock tolerance)', async () => {
      await expectUnauthenticated(issuer.mint({ claims: { nbf: secondsFromNow(120) } }), /not valid yet/);
    });

    it('a token from another issuer, or with no issuer', async () => {
      await expectUnauthenticated(issuer.mint({ claims: { iss: 'https://evil.example' } }), /iss claim value is not allowed/);
      await expectUnauthenticated(issuer.mint({ claims: { iss: `${issuer.issuer}/` } }), /iss claim value is not allowed/);
      await expectUnauthenticated(issuer.mint({ claims: { iss: undefined } }), /iss claim is required/);
    });

    it('a token for another audience, or with no audience', async () => {
      await expectUnauthenticated(issuer.mint({ claims: { aud: 'other-api' } }), /aud claim value is not allowed/);
      await expectUnauthenticated(issuer.mint({ claims: { aud: undefined } }), /aud claim is required/);
    });

    it('a token without sub, or with a sub that is not a usable id', async () => {
      await expectUnauthenticated(issuer.mint({ claims: { sub: undefined } }), /sub claim is required/);
      for (const sub of ['', 42, { id: 'x' }, 'x'.repeat(300)]) {
        await expectUnauthenticated(issuer.mint({ claims: { sub } }), /no usable sub claim/);
      }
    });

    it('a token without exp', async () => {
      await expectUnauthenticated(issuer.mint({ claims: { exp: undefined } }), /exp claim is required/);
    });

    it('a token without a kid', async () => {
      await expectUnauthenticated(issuer.mint({ header: { kid: undefined } }), /names no signing key/);
    });

    it('garbage in every part of the token, never with a 500', async () => {
      const valid = issuer.mint();
      const [header, payload, signature] = valid.split('.') as [string, string, string];
      const rsaKid = issuer.publishedKeys[0]!.kid;
      const b64 = (value: string) => Buffer.from(value).toString('base64url');
      const garbage = [
        'not-a-jwt',
        'a.b.c',
        `${header}.${payload}`,
        `${header}.${payload}.${signature}.extra`,
        `${b64('[]')}.${payload}.${signature}`,
        `${b64('{"alg":42}')}.${payload}.${signature}`,
        `${b64(JSON.stringify({ alg: 'RS256', kid: { nested: true } }))}.${payload}.${signature}`,
        `${b64(JSON.stringify({ alg: 'RS256', kid: rsaKid, crit: ['exp'] }))}.${payload}.${signature}`,
        `${header}.${b64('null')}.${signature}`,
        `${header}.${b64('"a string"')}.${signature}`,
        `${header}.${b64('{"sub":')}.${signature}`,
        `${header}.${payload}.${signature.slice(0, -4)}`,
        `${header}.${payload}.!!!!`,
      ];
      for (const token of garbage) {
        const response = await get(token);
        expect({ token, status: response.statusCode }).toEqual({ token, status: 401 });
        expect(response.json().error.code).toBe('UNAUTHENTICATED');
      }
    });
  });

  it('leaves unguarded routes alone, with no user on the request', async () => {
    const response = await app.inject({ method: 'GET', url: '/public', headers: { authorization: 'Bearer junk' } });
    expect(response.json()).toEqual({ user: null });
  });

  it('answers 500, never lets the request in, when a route is guarded on a server without installAuth', async () => {
    const bare = Fastify({ logger: false });
    installErrorHandler(bare);
    bare.get('/guarded', { onRequest: requireUser }, async () => ({ admitted: true }));
    const response = await bare.inject({ method: 'GET', url: '/guarded', headers: { authorization: `Bearer ${issuer.mint()}` } });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('INTERNAL');
    await bare.close();
  });
});
