import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeJwt, hmacSha256, startJwtIssuer, type TestJwtIssuer } from '@ticketing/testing';
import { buildProtectedApp } from './support/jwt-issuer.protected-app';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const execFileAsync = promisify(execFile);
const audience = 'ticketing-api';

/*
 * AUTH_MODE=dev-hs256 as the local stack runs it: tokens come from the real `npm run dev-token`
 * CLI (run as a process, sharing the secret it generated in a private state dir), and nothing but
 * HS256 tokens under that secret gets in.
 */
describe('authentication (dev-hs256 mode)', () => {
  let stateDir: string;
  let secret: string;
  let app: FastifyInstance;
  let logs: readonly Record<string, unknown>[];
  let issuer: TestJwtIssuer;

  async function devToken(...args: string[]): Promise<string> {
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--import', 'tsx', join(workspaceRoot, 'tools/src/dev-token/cli.ts'), ...args],
      {
        cwd: workspaceRoot,
        env: { ...process.env, JWT_DEV_SECRET: '', JWT_AUDIENCE: '', JWT_ISSUER: '', LOCAL_INFRA_DIR: stateDir },
        timeout: 30_000,
      },
    );
    return stdout.trim();
  }

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'auth-dev-hs256-'));
    await devToken('--sub', 'warm-up'); // generates the secret, as `tools/dev up` would
    secret = (await readFile(join(stateDir, 'jwt-dev-secret'), 'utf8')).trim();
    ({ app, logs } = await buildProtectedApp({ AUTH_MODE: 'dev-hs256', JWT_DEV_SECRET: secret, JWT_AUDIENCE: audience }));
    issuer = await startJwtIssuer({ audience });
  });
  afterAll(async () => {
    await app?.close();
    await issuer?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  function call(url: string, token: string) {
    return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  }

  it('warns at startup that it accepts dev tokens', () => {
    expect(logs).toContainEqual(expect.objectContaining({ level: 40, msg: expect.stringContaining('AUTH_MODE=dev-hs256') }));
  });

  it('accepts a token minted by npm run dev-token, with its sub as the user id', async () => {
    const response = await call('/v1/me', await devToken('--sub', 'user-1'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ userId: 'user-1', scopes: [] });
  });

  it('refuses RS256 and ES256 tokens, even with the dev issuer and audience', async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const response = await call('/v1/me', issuer.mint({ alg, claims: { iss: 'ticketing-dev' } }));
      expect(response.statusCode).toBe(401);
      expect(response.json().error.message).toMatch(/algorithm this API does not accept/);
    }
  });

  it('refuses HS256 tokens under another secret, unsigned ones, and wrong or missing claims', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: 'ticketing-dev', aud: audience, sub: 'user-1', iat: now, exp: now + 600 };
    const header = { alg: 'HS256', typ: 'JWT' };
    const cases: Array<[string, RegExp]> = [
      [encodeJwt(header, claims, hmacSha256('another-secret-that-is-also-32-chars-long')), /signature is invalid/],
      [encodeJwt({ alg: 'none', typ: 'JWT' }, claims, () => ''), /Unsigned|algorithm/],
      [encodeJwt(header, { ...claims, iss: 'someone-else' }, hmacSha256(secret)), /iss claim value is not allowed/],
      [encodeJwt(header, { ...claims, aud: 'other-api' }, hmacSha256(secret)), /aud claim value is not allowed/],
      [encodeJwt(header, { ...claims, sub: undefined }, hmacSha256(secret)), /sub claim is required/],
      [encodeJwt(header, { ...claims, exp: now - 120 }, hmacSha256(secret)), /expired/],
      [encodeJwt(header, { ...claims, nbf: now + 120 }, hmacSha256(secret)), /not valid yet/],
      [encodeJwt({ alg: 'HS512', typ: 'JWT' }, claims, () => 'x'), /algorithm this API does not accept/],
    ];
    for (const [token, message] of cases) {
      const response = await call('/v1/me', token);
      expect({ status: response.statusCode, message: response.json().error.message }).toEqual({
        status: 401,
        message: expect.stringMatching(message),
      });
    }
    // The same claims under the right secret pass, so each case above failed for its own reason.
    expect((await call('/v1/me', encodeJwt(header, claims, hmacSha256(secret)))).statusCode).toBe(200);
  });
});
