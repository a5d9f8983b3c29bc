import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createVerifier } from 'fast-jwt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localJwtDevSecret, mintDevToken } from '../src/dev-token/index';

const workspaceRoot = fileURLToPath(new URL('../../', import.meta.url));
const execFileAsync = promisify(execFile);

/**
 * The checks the reservation API applies in AUTH_MODE=dev-hs256 with its local defaults (HS256
 * only, iss `ticketing-dev`, aud `ticketing-api`, sub/exp/iss/aud required). The API's own tests
 * run this CLI and verify its output through the real auth plugin.
 */
function verifyLikeDevApi(token: string, secret: string): Record<string, unknown> {
  return createVerifier({
    key: secret,
    algorithms: ['HS256'],
    allowedIss: 'ticketing-dev',
    allowedAud: 'ticketing-api',
    requiredClaims: ['sub', 'exp', 'iss', 'aud'],
  })(token) as Record<string, unknown>;
}

describe('npm run dev-token', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'dev-token-test-'));
  });
  afterEach(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  function runCli(args: string[], env: Record<string, string> = {}) {
    return execFileAsync(process.execPath, ['--import', 'tsx', join(workspaceRoot, 'tools/src/dev-token/cli.ts'), ...args], {
      cwd: workspaceRoot,
      // Empty counts as unset, so a developer's own JWT_* variables cannot leak into the test.
      env: { ...process.env, JWT_DEV_SECRET: '', JWT_AUDIENCE: '', JWT_ISSUER: '', LOCAL_INFRA_DIR: stateDir, ...env },
      timeout: 30_000,
    });
  }

  it('prints only a token the dev-mode API accepts, signed with a secret generated once (mode 600)', async () => {
    const first = await runCli(['--sub', 'user-1', '--scope', 'seats:read', '--ttl', '600']);
    const secretFile = join(stateDir, 'jwt-dev-secret');
    const secret = (await readFile(secretFile, 'utf8')).trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(secretFile)).mode & 0o777).toBe(0o600);

    expect(first.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = verifyLikeDevApi(first.stdout.trim(), secret);
    expect(claims).toMatchObject({ sub: 'user-1', scope: 'seats:read', iss: 'ticketing-dev', aud: 'ticketing-api' });
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(600);
    expect(first.stderr).toContain('sub=user-1');

    const second = await runCli(['--sub', 'user-2']);
    expect(verifyLikeDevApi(second.stdout.trim(), secret)).toMatchObject({ sub: 'user-2' });
    expect(verifyLikeDevApi(second.stdout.trim(), secret)).not.toHaveProperty('scope');
    expect((await readFile(secretFile, 'utf8')).trim()).toBe(secret);
  });

  it('signs with JWT_DEV_SECRET and JWT_AUDIENCE when they are set, generating no file', async () => {
    const secret = 'an-explicit-dev-secret-of-40-characters!';
    const { stdout } = await runCli(['--sub', 'user-3'], { JWT_DEV_SECRET: secret, JWT_AUDIENCE: 'other-api' });
    expect(() => verifyLikeDevApi(stdout.trim(), secret)).toThrow(/aud/);
    expect(createVerifier({ key: secret, algorithms: ['HS256'], allowedAud: 'other-api' })(stdout.trim())).toMatchObject({
      sub: 'user-3',
    });
    await expect(stat(join(stateDir, 'jwt-dev-secret'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses bad arguments and a short secret with nothing on stdout', async () => {
    for (const args of [[], ['--sub', ''], ['--sub', 'u', '--ttl', '0'], ['--sub', 'u', '--ttl', '1.5'], ['--sub', 'u', '--nope']]) {
      const failure = await runCli(args).then(
        () => undefined,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('usage: dev-token') });
    }
    await expect(runCli(['--sub', 'u'], { JWT_DEV_SECRET: 'too-short' })).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringContaining('JWT_DEV_SECRET'),
    });
  });
});

describe('dev token pieces', () => {
  it('mints tokens that fail verification under another secret', () => {
    const secret = 'x'.repeat(32);
    const token = mintDevToken({ secret, issuer: 'ticketing-dev', audience: 'ticketing-api', subject: 'u', ttlSeconds: 60 });
    expect(verifyLikeDevApi(token, secret)).toMatchObject({ sub: 'u' });
    expect(() => verifyLikeDevApi(token, 'y'.repeat(32))).toThrow(/signature/);
  });

  it('refuses a secret file too short to be one it wrote', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'dev-token-secret-'));
    try {
      await writeFile(join(stateDir, 'jwt-dev-secret'), 'short\n');
      expect(() => localJwtDevSecret(stateDir)).toThrow(/fewer than 32 characters/);
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
